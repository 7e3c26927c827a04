import * as assert from 'node:assert/strict';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { resolveRequest } from '../../../src/core/variables/resolveRequest';
import { URL_A, newStore, response } from './fakes';

const LM1 = 'Wed, 01 May 2024 09:00:00 GMT';
const LM2 = 'Wed, 01 May 2024 09:30:00 GMT';

const get = (headers: Record<string, string>) => response('GET', 200, headers);
const gzip = (headers: Record<string, string>) => response('GET', 200, { ...headers, 'content-encoding': 'gzip' });

/**
 * A 200 whose only validator is a Last-Modified. A date other than the one recorded
 * means a new version, and the recorded tag belongs to the old one: sending it as
 * If-Match would be a 412 we caused ourselves.
 */
describe('ValidatorStore: a 200 that carries only a Last-Modified', () => {
  describe('with a date other than the recorded one', () => {
    it('drops the old tag from the record and from freshestEtag, and keeps it in the history', () => {
      const store = newStore();
      store.recordResponse(get({ etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(get({ 'last-modified': LM2 }));
      const record = store.get(URL_A);
      assert.equal(record?.etag, undefined);
      assert.equal(record?.weak, false);
      assert.equal(record?.lastModified, LM2);
      assert.equal(record?.state, 'current');
      assert.equal(store.freshestEtag(URL_A), undefined);
      assert.equal(store.freshestLastModified(URL_A), LM2);
      assert.deepEqual(
        record?.history.map((h) => [h.etag, h.lastModified]),
        [
          [undefined, LM2],
          ['"v1"', LM1],
        ],
      );
    });

    it('drops it for a HEAD too', () => {
      const store = newStore();
      store.recordResponse(response('HEAD', 200, { etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(response('HEAD', 200, { 'last-modified': LM2 }));
      assert.equal(store.freshestEtag(URL_A), undefined);
    });

    it('drops the tag another coding of the old version holds', () => {
      const store = newStore();
      store.recordResponse(get({ etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(gzip({ etag: 'W/"v1"', 'last-modified': LM1 }));
      store.recordResponse(gzip({ 'last-modified': LM2 }));
      const record = store.get(URL_A);
      assert.equal(record?.etag, undefined);
      assert.equal(store.freshestEtag(URL_A), undefined);
      assert.deepEqual(
        record?.representations.map((r) => [r.contentEncoding, r.etag, r.lastModified]),
        [['gzip', undefined, LM2]],
      );
    });

    it('leaves {{$etag}} unresolved, so the stale tag is never sent', async () => {
      const store = newStore();
      store.recordResponse(get({ etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(get({ 'last-modified': LM2 }));
      const file = parseHttpFile(`PUT ${URL_A}\nIf-Match: {{$etag}}\nIf-Unmodified-Since: {{$lastModified}}\n`);
      const result = await resolveRequest(file, file.requests[0], {
        environment: {},
        requestNames: new Set(),
        namedExchange: () => undefined,
        now: () => new Date('2024-05-01T12:00:00Z'),
        random: () => 0.5,
        processEnv: {},
        dotenv: {},
        lookupEnvironment: () => undefined,
        validators: store,
      });
      assert.equal(result.ok, false);
      assert.deepEqual(
        !result.ok && result.errors.map((e) => e.span.line),
        [1],
        'only If-Match fails: the new Last-Modified still resolves',
      );
      assert.doesNotMatch(JSON.stringify(result), /v1/);
    });
  });

  describe('with the recorded date', () => {
    it('keeps the tag: the same version came back', () => {
      const store = newStore();
      store.recordResponse(get({ etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(get({ 'last-modified': LM1 }));
      assert.equal(store.get(URL_A)?.etag, '"v1"');
      assert.equal(store.freshestEtag(URL_A), '"v1"');
    });

    it('keeps the tag of another coding of that version', () => {
      const store = newStore();
      store.recordResponse(get({ etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(gzip({ 'last-modified': LM1 }));
      assert.equal(store.freshestEtag(URL_A), '"v1"');
      assert.equal(store.get(URL_A)?.representations.length, 2);
    });
  });
});
