import * as assert from 'node:assert/strict';
import { URL_A, newStore, response } from './fakes';

const identity = (etag: string, extra: Record<string, string> = {}) => response('GET', 200, { etag, ...extra });
const gzip = (etag: string) => response('GET', 200, { etag, 'content-encoding': 'gzip' });

describe('ValidatorStore representations and the freshest tag', () => {
  it('keeps identity and gzip apart in one record', () => {
    const store = newStore();
    store.recordResponse(identity('"abc"'));
    store.recordResponse(gzip('W/"abc"'));
    const record = store.get(URL_A);
    assert.equal(store.size, 1);
    assert.deepEqual(
      record?.representations.map((r) => [r.contentEncoding, r.etag, r.weak]),
      [
        ['gzip', 'W/"abc"', true],
        [undefined, '"abc"', false],
      ],
    );
    assert.equal(record?.contentEncoding, 'gzip', 'the top level describes the latest observation');
  });

  it('treats Content-Encoding: identity as no coding', () => {
    const store = newStore();
    store.recordResponse(identity('"a"'));
    store.recordResponse(response('GET', 200, { etag: '"b"', 'content-encoding': 'identity' }));
    assert.equal(store.get(URL_A)?.representations.length, 1);
  });

  it('keeps one latest validator per coding', () => {
    const store = newStore();
    store.recordResponse(gzip('W/"v1"'));
    store.recordResponse(gzip('W/"v2"'));
    store.recordResponse(response('GET', 200, { etag: '"v2-br"', 'content-encoding': 'br' }));
    assert.deepEqual(
      store.get(URL_A)?.representations.map((r) => r.etag),
      ['"v2-br"', 'W/"v2"'],
    );
  });

  describe('freshestEtag', () => {
    it('is undefined for an unknown URL', () => {
      assert.equal(newStore().freshestEtag(URL_A), undefined);
    });

    it('is the only tag seen', () => {
      const store = newStore();
      store.recordResponse(gzip('W/"abc"'));
      assert.equal(store.freshestEtag(URL_A), 'W/"abc"');
    });

    it('prefers the strong identity tag when the latest is the same version weakened by gzip', () => {
      const store = newStore();
      store.recordResponse(identity('"abc"'));
      store.recordResponse(gzip('W/"abc"'));
      assert.equal(store.freshestEtag(URL_A), '"abc"');
    });

    it('prefers the strong identity tag over an Apache -gzip suffix', () => {
      const store = newStore();
      store.recordResponse(identity('"abc"'));
      store.recordResponse(gzip('"abc-gzip"'));
      assert.equal(store.freshestEtag(URL_A), '"abc"');
    });

    it('takes the latest when the identity tag is an older version', () => {
      const store = newStore();
      store.recordResponse(identity('"v1"'));
      store.recordResponse(gzip('W/"v2"'));
      assert.equal(store.freshestEtag(URL_A), 'W/"v2"');
    });

    it('takes the latest when the identity tag of the same version is weak too', () => {
      const store = newStore();
      store.recordResponse(identity('W/"abc"'));
      store.recordResponse(gzip('"abc-gzip"'));
      assert.equal(store.freshestEtag(URL_A), '"abc-gzip"');
    });

    it('takes the newest identity tag over an older gzip one', () => {
      const store = newStore();
      store.recordResponse(gzip('W/"v1"'));
      store.recordResponse(identity('"v2"'));
      assert.equal(store.freshestEtag(URL_A), '"v2"');
    });

    it('is the tag of the most recent observation that carried one', () => {
      const store = newStore();
      store.recordResponse(identity('"v1"'));
      store.recordResponse(response('GET', 200, { 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT', 'content-encoding': 'gzip' }));
      assert.equal(store.freshestEtag(URL_A), '"v1"');
    });

    it('normalizes the URL it is asked about', () => {
      const store = newStore();
      store.recordResponse(identity('"v1"'));
      assert.equal(store.freshestEtag('HTTPS://API.EXAMPLE.COM:443/items/1#top'), '"v1"');
    });
  });

  describe('freshestLastModified', () => {
    it('is the Last-Modified of the latest observation that carried one', () => {
      const store = newStore();
      store.recordResponse(identity('"v1"', { 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' }));
      store.recordResponse(gzip('W/"v1"'));
      assert.equal(store.freshestLastModified(URL_A), 'Wed, 01 May 2024 09:00:00 GMT');
    });

    it('is undefined once a write made it stale', () => {
      const store = newStore();
      store.recordResponse(identity('"v1"', { 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' }));
      store.recordResponse(response('PATCH', 204));
      assert.equal(store.freshestLastModified(URL_A), undefined);
    });
  });
});
