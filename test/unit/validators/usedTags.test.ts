import * as assert from 'node:assert/strict';
import { URL_A, newStore, response } from './fakes';

describe('ValidatorStore: tags the .http file used', () => {
  it('reports no change while the file uses the freshest tag', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    assert.equal(store.markUsed(URL_A, '"v1"'), true);
    assert.equal(store.changedSinceUsed(URL_A), false);
  });

  it('reports a change once a newer version is seen', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.markUsed(URL_A, '"v1"');
    store.recordResponse(response('GET', 200, { etag: '"v2"' }));
    assert.equal(store.changedSinceUsed(URL_A), true);
  });

  it('does not count another coding of the same version as a change', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.markUsed(URL_A, 'W/"v1"');
    store.recordResponse(response('GET', 200, { etag: '"v1-gzip"', 'content-encoding': 'gzip' }));
    assert.equal(store.changedSinceUsed(URL_A), false);
  });

  it('reports a change when a write made the tag stale', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.markUsed(URL_A, '"v1"');
    store.recordResponse(response('PUT', 204));
    assert.equal(store.changedSinceUsed(URL_A), true);
  });

  it('ignores a URL it has no record of, and reports nothing for a URL never used', () => {
    const store = newStore();
    assert.equal(store.markUsed(URL_A, '"v1"'), false);
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    assert.equal(store.changedSinceUsed(URL_A), false);
  });

  it('keeps the used tag across later responses', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.markUsed(URL_A, '"v1"');
    store.recordResponse(response('GET', 304));
    assert.equal(store.get(URL_A)?.usedEtag, '"v1"');
  });
});
