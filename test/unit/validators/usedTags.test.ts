import * as assert from 'node:assert/strict';
import { describeChangeSinceUsed, describeInstant, describeStaleRecord } from '../../../src/core/validators/tagOrigin';
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

  it('does not count a version our own write produced as a change, and says who changed it otherwise', () => {
    const store = newStore();
    const at = (iso: string) => new Date(iso);
    store.recordResponse(response('GET', 200, { etag: '"v1"' }), at('2026-05-01T10:00:00Z'));
    store.recordResponse(response('PUT', 200, { etag: '"v2"' }), at('2026-05-01T10:01:00Z'));
    store.markUsed(URL_A, '"v1"');
    assert.equal(store.changedSinceUsed(URL_A), false);
    const now = at('2026-05-01T10:22:00Z');
    assert.equal(describeChangeSinceUsed(store.get(URL_A)!, store.freshestEtag(URL_A), now), undefined);

    store.recordResponse(response('GET', 200, { etag: '"v3"' }), at('2026-05-01T10:05:00Z'));
    assert.equal(store.changedSinceUsed(URL_A), true);
    assert.equal(
      describeChangeSinceUsed(store.get(URL_A)!, store.freshestEtag(URL_A), now),
      `changed by another client since ${describeInstant('2026-05-01T10:05:00Z', now)} (seen in GET → 200)`,
    );
  });

  it('names our own write when it left the new tag unknown', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.recordResponse(response('PUT', 204), new Date('2026-05-01T10:01:00Z'));
    assert.match(describeStaleRecord(store.get(URL_A)!, new Date('2026-05-01T10:02:00Z')), /^changed by your PUT at .*, new tag unknown$/);
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
