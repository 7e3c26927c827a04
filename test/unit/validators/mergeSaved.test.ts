import * as assert from 'node:assert/strict';
import { mergeRecords } from '../../../src/core/validators/mergeRecords';
import { mergeSavedValidators } from '../../../src/core/validators/mergeSavedValidators';
import type { PersistedValidators } from '../../../src/core/validators/persistedValidators';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { MemoryPersistence, ManualTimer, URL_A, URL_B, response } from './fakes';

const T0 = Date.parse('2024-05-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** A store that saves into `persistence`, as one command-line run does. */
function run(persistence = new MemoryPersistence()) {
  return { persistence, store: new ValidatorStore({ persistence, timer: new ManualTimer() }) };
}

function saved(store: ValidatorStore, persistence: MemoryPersistence): PersistedValidators {
  store.dispose();
  return persistence.data as PersistedValidators;
}

/** What a store loading `data` holds, as the next run would see it. */
function loaded(data: PersistedValidators) {
  return new ValidatorStore({ persistence: new MemoryPersistence(data) });
}

describe('merging what two runs saved', () => {
  it('keeps the records only one of them holds, in recency order', () => {
    const first = run();
    first.store.recordResponse(response('GET', 200, { etag: '"a1"' }, URL_A), at(1));
    const second = run();
    second.store.recordResponse(response('GET', 200, { etag: '"b1"' }, URL_B), at(2));

    const merged = loaded(mergeSavedValidators(saved(first.store, first.persistence), saved(second.store, second.persistence)));

    assert.deepEqual(merged.all().map((r) => [r.url, r.etag]), [[URL_A, '"a1"'], [URL_B, '"b1"']]);
  });

  it('takes the later observation of one URL and keeps both histories, newest first, each once', () => {
    const start = run();
    start.store.recordResponse(response('GET', 200, { etag: '"v1"' }), at(1));
    const startData = saved(start.store, start.persistence);
    // Both runs load what the file held when they started, then each sees the URL once more.
    const first = run(new MemoryPersistence(startData));
    first.store.recordResponse(response('GET', 200, { etag: '"v3"' }), at(3));
    const second = run(new MemoryPersistence(startData));
    second.store.recordResponse(response('GET', 200, { etag: '"v2"' }), at(2));

    for (const [ours, theirs] of [[first, second], [second, first]]) {
      const record = loaded(mergeSavedValidators(saved(theirs.store, theirs.persistence), saved(ours.store, ours.persistence))).get(URL_A)!;
      assert.equal(record.etag, '"v3"');
      assert.equal(record.observedAt, at(3).toISOString());
      assert.deepEqual(record.history.map((h) => h.etag), ['"v3"', '"v2"', '"v1"']);
      assert.deepEqual(record.representations.map((r) => r.etag), ['"v3"']);
    }
  });

  it('caps the merged history at 20', () => {
    const first = run();
    const second = run();
    for (let i = 0; i < 15; i++) {
      first.store.recordResponse(response('GET', 200, { etag: `"a${i}"` }), at(2 * i));
      second.store.recordResponse(response('GET', 200, { etag: `"b${i}"` }), at(2 * i + 1));
    }
    const record = mergeRecords(first.store.get(URL_A)!, second.store.get(URL_A)!);
    assert.equal(record.history.length, 20);
    assert.equal(record.history[0].etag, '"b14"');
    assert.equal(record.history[19].etag, '"a5"');
  });

  it('adds another coding the other run saw, but not one a later write made stale', () => {
    const gzip = run();
    gzip.store.recordResponse(response('GET', 200, { etag: 'W/"g1"', 'content-encoding': 'gzip' }), at(2));
    const identity = run();
    identity.store.recordResponse(response('GET', 200, { etag: '"i1"' }), at(3));

    const both = mergeRecords(identity.store.get(URL_A)!, gzip.store.get(URL_A)!);
    assert.deepEqual(both.representations.map((r) => r.etag), ['"i1"', 'W/"g1"']);
    assert.equal(both.etag, '"i1"');

    identity.store.recordResponse(response('PUT', 200, { etag: '"i2"' }), at(4));
    const written = mergeRecords(gzip.store.get(URL_A)!, identity.store.get(URL_A)!);
    assert.deepEqual(written.representations.map((r) => r.etag), ['"i2"']);
  });

  it('keeps the tag the .http file used when only the earlier record knows it', () => {
    const used = run();
    used.store.recordResponse(response('GET', 200, { etag: '"v1"' }), at(1));
    used.store.markUsed(URL_A, '"v1"');
    const later = run();
    later.store.recordResponse(response('GET', 200, { etag: '"v2"' }), at(2));
    assert.equal(mergeRecords(later.store.get(URL_A)!, used.store.get(URL_A)!).usedEtag, '"v1"');
  });

  it('reads the file as the command line writes it, one record array per line', () => {
    const first = run();
    first.store.recordResponse(response('GET', 200, { etag: '"a1"' }, URL_A), at(1));
    const onDisk = saved(first.store, first.persistence);
    const parsedFile = { version: onDisk.version, records: onDisk.records.map((text) => JSON.parse(text) as unknown) };
    const second = run(new MemoryPersistence(onDisk));
    second.store.recordResponse(response('GET', 200, { etag: '"b1"' }, URL_B), at(2));

    const merged = mergeSavedValidators(parsedFile, saved(second.store, second.persistence));

    // Unchanged records come back as the very text they were saved as.
    assert.equal(merged.records[0], onDisk.records[0]);
    assert.deepEqual(loaded(merged).all().map((r) => r.url), [URL_A, URL_B]);
  });

  it('replaces what it can not read, and drops the oldest records over the limit', () => {
    const first = run();
    for (let i = 0; i < 5; i++) first.store.recordResponse(response('GET', 200, { etag: `"${i}"` }, `${URL_A}?n=${i}`), at(i));
    const ours = saved(first.store, first.persistence);
    assert.deepEqual(mergeSavedValidators('not the file', ours), ours);
    assert.deepEqual(mergeSavedValidators(undefined, ours, 3).records, ours.records.slice(2));
  });
});
