import { strict as assert } from 'node:assert';
import { acceptsGzip, compressedEntityTag } from '../../../src/demo/compression';
import { jsonPut, send, useDemoServer } from './demoHarness';

const GZIP = { 'Accept-Encoding': 'gzip' };
const IDENTITY = { 'Accept-Encoding': 'identity' };

describe('demo API: compression weakens or suffixes the ETag', () => {
  const demo = useDemoServer();

  describe('nginx style (/nginx-gzip/items)', () => {
    it('serves gzip with W/"…" and identity with the strong tag', async () => {
      const gzip = await send(demo.url('/nginx-gzip/items/1'), { headers: GZIP });
      const identity = await send(demo.url('/nginx-gzip/items/1'), { headers: IDENTITY });
      assert.equal(gzip.headers.get('content-encoding'), 'gzip');
      assert.equal(gzip.headers.get('vary'), 'Accept-Encoding');
      assert.equal(identity.headers.get('content-encoding'), null);
      assert.equal(gzip.headers.get('etag'), `W/${identity.headers.get('etag')}`);
      assert.equal(JSON.parse(gzip.text).id, '1', 'the body still decodes to the document');
    });

    it('If-Match with the weakened tag gets 412', async () => {
      const weak = (await send(demo.url('/nginx-gzip/items/1'), { headers: GZIP })).headers.get('etag')!;
      const put = await send(demo.url('/nginx-gzip/items/1'), jsonPut({ title: 'x' }, { ...GZIP, 'If-Match': weak }));
      assert.equal(put.status, 412);
    });

    it('If-Match with the strong form succeeds', async () => {
      const weak = (await send(demo.url('/nginx-gzip/items/1'), { headers: GZIP })).headers.get('etag')!;
      const put = await send(demo.url('/nginx-gzip/items/1'), jsonPut({ title: 'x' }, { ...IDENTITY, 'If-Match': weak.slice(2) }));
      assert.equal(put.status, 200);
    });

    it('If-None-Match with the weak tag still gets 304 (weak comparison), carrying the weak tag', async () => {
      const weak = (await send(demo.url('/nginx-gzip/items/1'), { headers: GZIP })).headers.get('etag')!;
      const response = await send(demo.url('/nginx-gzip/items/1'), { headers: { ...GZIP, 'If-None-Match': weak } });
      assert.equal(response.status, 304);
      assert.equal(response.headers.get('etag'), weak);
    });
  });

  describe('Apache mod_deflate style (/apache-gzip/items)', () => {
    it('appends -gzip inside the quotes', async () => {
      const gzip = await send(demo.url('/apache-gzip/items/1'), { headers: GZIP });
      const identity = await send(demo.url('/apache-gzip/items/1'), { headers: IDENTITY });
      assert.equal(gzip.headers.get('etag'), identity.headers.get('etag')!.replace(/"$/, '-gzip"'));
    });

    it('If-Match with the -gzip tag gets 412', async () => {
      const suffixed = (await send(demo.url('/apache-gzip/items/1'), { headers: GZIP })).headers.get('etag')!;
      assert.equal((await send(demo.url('/apache-gzip/items/1'), jsonPut({}, { 'If-Match': suffixed }))).status, 412);
    });

    it('If-None-Match with the -gzip tag never gets 304', async () => {
      const suffixed = (await send(demo.url('/apache-gzip/items/1'), { headers: GZIP })).headers.get('etag')!;
      assert.equal((await send(demo.url('/apache-gzip/items/1'), { headers: { ...GZIP, 'If-None-Match': suffixed } })).status, 200);
    });

    it('does not compress a body under 68 bytes, so no suffix', async () => {
      const put = await send(demo.url('/apache-gzip/items/tiny'), jsonPut({ a: 1 }, GZIP));
      assert.equal(put.status, 201);
      assert.equal(put.headers.get('content-encoding'), null);
      assert.doesNotMatch(put.headers.get('etag') ?? '', /-gzip/);
    });
  });

  describe('helpers', () => {
    it('reads Accept-Encoding with q-values', () => {
      assert.equal(acceptsGzip('gzip, deflate, br'), true);
      assert.equal(acceptsGzip('br;q=1, gzip;q=0'), false);
      assert.equal(acceptsGzip('*'), true);
      assert.equal(acceptsGzip('identity'), false);
      assert.equal(acceptsGzip(undefined), false);
    });
    it('transforms tags the way each server does', () => {
      assert.equal(compressedEntityTag('"a"', 'nginx'), 'W/"a"');
      assert.equal(compressedEntityTag('W/"a"', 'nginx'), 'W/"a"');
      assert.equal(compressedEntityTag('"a"', 'apache'), '"a-gzip"');
      assert.equal(compressedEntityTag('a', 'nginx'), undefined);
    });
  });
});
