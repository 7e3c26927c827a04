import { strict as assert } from 'node:assert';
import { parseHttpDate } from '../../../src/core/preconditions/httpDate';
import { jsonPut, send, useDemoServer } from './demoHarness';

describe('demo API: the faithful origin (/items)', () => {
  const demo = useDemoServer();

  it('GET returns JSON with a strong ETag, Last-Modified and Date', async () => {
    const response = await send(demo.url('/items/1'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('etag') ?? '', /^"r1-[0-9a-f]{8}"$/);
    assert.ok(parseHttpDate(response.headers.get('last-modified') ?? ''));
    assert.ok(parseHttpDate(response.headers.get('date') ?? ''));
    assert.equal(JSON.parse(response.text).title, 'Quarterly report');
  });

  it('GET then PUT with its ETag gives 200 and a new ETag', async () => {
    const etag = (await send(demo.url('/items/1'))).headers.get('etag')!;
    const put = await send(demo.url('/items/1'), jsonPut({ id: '1', title: 'Renamed' }, { 'If-Match': etag }));
    assert.equal(put.status, 200);
    assert.notEqual(put.headers.get('etag'), etag);
    assert.match(put.headers.get('etag') ?? '', /^"r2-/);
    assert.equal(JSON.parse(put.text).title, 'Renamed');
  });

  it('a stale If-Match gets 412 problem+json without a fresh ETag', async () => {
    const etag = (await send(demo.url('/items/1'))).headers.get('etag')!;
    await send(demo.url('/_simulate/edit/items/1'), { method: 'POST' });
    const put = await send(demo.url('/items/1'), jsonPut({ title: 'Mine' }, { 'If-Match': etag }));
    assert.equal(put.status, 412);
    assert.equal(put.headers.get('etag'), null);
    assert.match(put.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = JSON.parse(put.text);
    assert.equal(problem.title, 'Precondition Failed');
    assert.equal(problem.precondition, 'If-Match');
    assert.equal(problem.sent, etag);
  });

  it('an unquoted If-Match value never matches', async () => {
    const etag = (await send(demo.url('/items/1'))).headers.get('etag')!;
    const put = await send(demo.url('/items/1'), jsonPut({}, { 'If-Match': etag.replace(/"/g, '') }));
    assert.equal(put.status, 412);
  });

  it('If-None-Match with the current tag gets 304 with the ETag and no body', async () => {
    const etag = (await send(demo.url('/items/1'))).headers.get('etag')!;
    const response = await send(demo.url('/items/1'), { headers: { 'If-None-Match': etag } });
    assert.equal(response.status, 304);
    assert.equal(response.headers.get('etag'), etag);
    assert.equal(response.text, '');
  });

  it('If-Modified-Since with the Last-Modified gets 304', async () => {
    const lastModified = (await send(demo.url('/items/1'))).headers.get('last-modified')!;
    assert.equal((await send(demo.url('/items/1'), { headers: { 'If-Modified-Since': lastModified } })).status, 304);
  });

  it('If-Unmodified-Since before the last change gets 412', async () => {
    const response = await send(demo.url('/items/1'), jsonPut({}, { 'If-Unmodified-Since': 'Sun, 06 Nov 1994 08:49:37 GMT' }));
    assert.equal(response.status, 412);
    assert.equal(JSON.parse(response.text).precondition, 'If-Unmodified-Since');
  });

  it('an ISO 8601 If-Unmodified-Since is silently ignored: the PUT goes through', async () => {
    const response = await send(demo.url('/items/1'), jsonPut({}, { 'If-Unmodified-Since': '1994-11-06T08:49:37Z' }));
    assert.equal(response.status, 200);
  });

  it('create-only PUT with If-None-Match: * creates once, then 412', async () => {
    const first = await send(demo.url('/items/new'), jsonPut({ id: 'new' }, { 'If-None-Match': '*' }));
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('location'), '/items/new');
    const second = await send(demo.url('/items/new'), jsonPut({ id: 'new' }, { 'If-None-Match': '*' }));
    assert.equal(second.status, 412);
  });

  it('If-Match: * on a missing document gets 412', async () => {
    assert.equal((await send(demo.url('/items/missing'), jsonPut({}, { 'If-Match': '*' }))).status, 412);
  });

  it('404 wins over 412 for a GET of a missing document', async () => {
    assert.equal((await send(demo.url('/items/missing'), { headers: { 'If-Match': '"x"' } })).status, 404);
  });

  it('PATCH merges and DELETE removes', async () => {
    const etag = (await send(demo.url('/items/2'))).headers.get('etag')!;
    const patch = await send(demo.url('/items/2'), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
      body: JSON.stringify({ status: 'confirmed', owner: null }),
    });
    assert.equal(patch.status, 200);
    assert.deepEqual([JSON.parse(patch.text).status, JSON.parse(patch.text).owner], ['confirmed', undefined]);
    const deleted = await send(demo.url('/items/2'), { method: 'DELETE', headers: { 'If-Match': patch.headers.get('etag')! } });
    assert.equal(deleted.status, 204);
    assert.equal((await send(demo.url('/items/2'))).status, 404);
  });

  it('POST to the collection creates the next document', async () => {
    const created = await send(demo.url('/items'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":"New"}' });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), '/items/3');
    const list = JSON.parse((await send(demo.url('/items'))).text);
    assert.deepEqual(list.items.map((item: { id: string }) => item.id), ['1', '2', '3']);
  });

  it('HEAD carries the same validators as GET and no body', async () => {
    const get = await send(demo.url('/items/1'));
    const head = await send(demo.url('/items/1'), { method: 'HEAD' });
    assert.equal(head.headers.get('etag'), get.headers.get('etag'));
    assert.equal(head.text, '');
  });

  it('a Range is honoured while If-Range matches, and ignored once it is stale', async () => {
    const etag = (await send(demo.url('/items/1'))).headers.get('etag')!;
    const partial = await send(demo.url('/items/1'), { headers: { Range: 'bytes=0-4', 'If-Range': etag } });
    assert.equal(partial.status, 206);
    assert.equal(partial.text, '{\n  "');
    const stale = await send(demo.url('/items/1'), { headers: { Range: 'bytes=0-4', 'If-Range': '"r0-00000000"' } });
    assert.equal(stale.status, 200);
  });

  it('rejects a body that is not JSON with 400 before looking at preconditions', async () => {
    const response = await send(demo.url('/items/1'), { method: 'PUT', headers: { 'If-Match': '"stale"' }, body: '{nope' });
    assert.equal(response.status, 400);
  });

  it('POST /_reset restores the seed documents', async () => {
    const seeded = (await send(demo.url('/items/1'))).headers.get('etag');
    await send(demo.url('/_simulate/edit/items/1'), { method: 'POST' });
    assert.notEqual((await send(demo.url('/items/1'))).headers.get('etag'), seeded);
    await send(demo.url('/_reset'), { method: 'POST' });
    assert.equal((await send(demo.url('/items/1'))).headers.get('etag'), seeded);
  });

  it('GET / lists every scenario', async () => {
    const index = JSON.parse((await send(demo.url('/'))).text);
    assert.deepEqual(
      index.scenarios.map((scenario: { prefix: string }) => scenario.prefix),
      ['/items', '/busy/items', '/nginx-gzip/items', '/apache-gzip/items', '/clock-ahead/items', '/required/items', '/cached/items', '/azure/blobs'],
    );
  });

  it('unknown paths get 404 and unsupported methods 405 with Allow', async () => {
    assert.equal((await send(demo.url('/nowhere'))).status, 404);
    const post = await send(demo.url('/items/1'), { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.match(post.headers.get('allow') ?? '', /PUT/);
  });
});
