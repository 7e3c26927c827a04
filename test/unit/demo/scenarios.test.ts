import { strict as assert } from 'node:assert';
import { formatHttpDate, parseHttpDate } from '../../../src/core/preconditions/httpDate';
import { CLOCK_AHEAD_MS } from '../../../src/demo/scenarios';
import { jsonPut, rawGet, send, useDemoServer } from './demoHarness';

describe('demo API: scenarios', () => {
  const demo = useDemoServer();

  describe('another client edits the document', () => {
    it('POST /_simulate/edit changes the ETag and the body says who did it', async () => {
      const before = (await send(demo.url('/items/1'))).headers.get('etag');
      const edit = JSON.parse((await send(demo.url('/_simulate/edit/items/1'), { method: 'POST' })).text);
      const after = await send(demo.url('/items/1'));
      assert.notEqual(after.headers.get('etag'), before);
      assert.equal(edit.etag, after.headers.get('etag'));
      assert.equal(JSON.parse(after.text).lastEditedBy, 'another-client');
    });
    it('editing a missing document is 404', async () => {
      assert.equal((await send(demo.url('/_simulate/edit/items/nope'), { method: 'POST' })).status, 404);
    });
  });

  describe('server clock ahead (/clock-ahead/items)', () => {
    it('sends Date and Last-Modified about an hour in the future', async () => {
      // Bracketed by the local clock before and after, not by a tolerance a slow machine could exceed.
      const before = Math.floor(Date.now() / 1000) * 1000;
      const response = await send(demo.url('/clock-ahead/items/1'));
      const after = Date.now();
      const date = parseHttpDate(response.headers.get('date')!)!.epochMs;
      const lastModified = parseHttpDate(response.headers.get('last-modified')!)!.epochMs;
      assert.ok(date - CLOCK_AHEAD_MS >= before && date - CLOCK_AHEAD_MS <= after, `Date ${date - after} ms ahead`);
      assert.ok(lastModified > after + CLOCK_AHEAD_MS / 2);
    });
    it('If-Unmodified-Since with the local time gets 412', async () => {
      const response = await send(demo.url('/clock-ahead/items/1'), jsonPut({}, { 'If-Unmodified-Since': formatHttpDate(Date.now()) }));
      assert.equal(response.status, 412);
    });
    it("If-Unmodified-Since with the server's own Last-Modified succeeds", async () => {
      const lastModified = (await send(demo.url('/clock-ahead/items/1'))).headers.get('last-modified')!;
      assert.equal((await send(demo.url('/clock-ahead/items/1'), jsonPut({}, { 'If-Unmodified-Since': lastModified }))).status, 200);
    });
    it('If-Modified-Since with the local time never gets 304', async () => {
      assert.equal((await send(demo.url('/clock-ahead/items/1'), { headers: { 'If-Modified-Since': formatHttpDate(Date.now()) } })).status, 200);
    });
  });

  describe('precondition required (/required/items)', () => {
    it('PUT without If-Match gets 428, not cacheable', async () => {
      const response = await send(demo.url('/required/items/1'), jsonPut({}));
      assert.equal(response.status, 428);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(JSON.parse(response.text).title, 'Precondition Required');
    });
    it('DELETE and PATCH without If-Match get 428 too', async () => {
      assert.equal((await send(demo.url('/required/items/1'), { method: 'DELETE' })).status, 428);
      assert.equal((await send(demo.url('/required/items/1'), { method: 'PATCH', body: '{}' })).status, 428);
    });
    it('PUT with the current ETag succeeds', async () => {
      const etag = (await send(demo.url('/required/items/1'))).headers.get('etag')!;
      assert.equal((await send(demo.url('/required/items/1'), jsonPut({}, { 'If-Match': etag }))).status, 200);
    });
    it('a create-only PUT with If-None-Match: * is accepted', async () => {
      assert.equal((await send(demo.url('/required/items/9'), jsonPut({}, { 'If-None-Match': '*' }))).status, 201);
    });
  });

  describe('intermediary cache (/cached/items)', () => {
    it('adds Via, Age and X-Cache and serves a stale ETag after another client edits', async () => {
      const first = await send(demo.url('/cached/items/1'));
      assert.equal(first.headers.get('x-cache'), 'MISS');
      assert.match(first.headers.get('via') ?? '', /demo-cache/);
      assert.equal(first.headers.get('age'), '0');
      await send(demo.url('/_simulate/edit/cached/items/1'), { method: 'POST' });
      const second = await send(demo.url('/cached/items/1'));
      assert.equal(second.headers.get('x-cache'), 'HIT');
      assert.notEqual(second.headers.get('age'), null);
      assert.equal(second.headers.get('etag'), first.headers.get('etag'), 'the cache still has the old version');
      const put = await send(demo.url('/cached/items/1'), jsonPut({}, { 'If-Match': second.headers.get('etag')! }));
      assert.equal(put.status, 412);
      assert.match(put.headers.get('via') ?? '', /demo-cache/);
    });
    it('Cache-Control: no-cache from the client fetches the fresh ETag, which then succeeds', async () => {
      const stale = (await send(demo.url('/cached/items/1'))).headers.get('etag');
      await send(demo.url('/_simulate/edit/cached/items/1'), { method: 'POST' });
      const fresh = await send(demo.url('/cached/items/1'), { headers: { 'Cache-Control': 'no-cache' } });
      assert.equal(fresh.headers.get('x-cache'), 'MISS');
      assert.notEqual(fresh.headers.get('etag'), stale);
      const put = await send(demo.url('/cached/items/1'), jsonPut({}, { 'If-Match': fresh.headers.get('etag')! }));
      assert.equal(put.status, 200);
      assert.equal((await send(demo.url('/cached/items/1'))).headers.get('x-cache'), 'MISS', 'a successful PUT invalidates the entry');
    });
    it('answers If-None-Match from the cache with 304', async () => {
      const etag = (await send(demo.url('/cached/items/1'))).headers.get('etag')!;
      const response = await rawGet(demo.url('/cached/items/1'), { 'If-None-Match': etag });
      assert.equal(response.status, 304);
      assert.equal(response.headers['x-cache'], 'HIT');
      assert.equal(response.headers.etag, etag);
    });
  });

  describe('Azure Blob style (/azure/blobs)', () => {
    it('answers a stale If-Match with 412, x-ms-error-code: ConditionNotMet and an XML body', async () => {
      const response = await send(demo.url('/azure/blobs/report.json'), jsonPut({}, { 'If-Match': '"0x0"' }));
      assert.equal(response.status, 412);
      assert.equal(response.headers.get('x-ms-error-code'), 'ConditionNotMet');
      assert.equal(response.statusText, 'The condition specified using HTTP conditional header(s) is not met.');
      assert.match(response.text, /<Code>ConditionNotMet<\/Code>/);
    });
    it('accepts the tag without quotes, but never a W/ one', async () => {
      const etag = (await send(demo.url('/azure/blobs/report.json'))).headers.get('etag')!;
      assert.match(etag, /^"0x8DC[0-9A-F]+"$/);
      assert.equal((await send(demo.url('/azure/blobs/report.json'), jsonPut({}, { 'If-Match': `W/${etag}` }))).status, 412);
      assert.equal((await send(demo.url('/azure/blobs/report.json'), jsonPut({}, { 'If-Match': etag.replace(/"/g, '') }))).status, 201);
    });
    it('refuses several tags with 400 and If-None-Match: * on an existing blob with 409', async () => {
      assert.equal((await send(demo.url('/azure/blobs/report.json'), jsonPut({}, { 'If-Match': '"a", "b"' }))).status, 400);
      const conflict = await send(demo.url('/azure/blobs/report.json'), jsonPut({}, { 'If-None-Match': '*' }));
      assert.equal(conflict.status, 409);
      assert.equal(conflict.headers.get('x-ms-error-code'), 'BlobAlreadyExists');
    });
  });
});

describe('demo API: background writer', () => {
  const demo = useDemoServer({ backgroundWriterMs: 40 });

  it('keeps changing /busy/items/1, so an ETag read a moment ago goes stale', async () => {
    const etag = (await send(demo.url('/busy/items/1'))).headers.get('etag')!;
    // No deadline of our own: a writer that never writes fails by the test's timeout.
    while ((await send(demo.url('/busy/items/1'))).headers.get('etag') === etag) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal((await send(demo.url('/busy/items/1'), jsonPut({}, { 'If-Match': etag }))).status, 412);
  });
});
