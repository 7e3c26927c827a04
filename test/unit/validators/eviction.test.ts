import * as assert from 'node:assert/strict';
import type { ValidatorStoreChange } from '../../../src/core/validators/validatorStore';
import { DEFAULT_MAX_VALIDATOR_ENTRIES } from '../../../src/core/validators/validatorStore';
import { newStore, response } from './fakes';

const url = (n: number) => `https://example.com/r/${n}`;
const see = (n: number) => response('GET', 200, { etag: `"${n}"` }, url(n));

describe('ValidatorStore eviction', () => {
  it('defaults to 5000 entries', () => {
    assert.equal(DEFAULT_MAX_VALIDATOR_ENTRIES, 5000);
  });

  it('evicts the least recently seen record beyond maxEntries', () => {
    const store = newStore({ maxEntries: 3 });
    for (const n of [1, 2, 3, 4]) store.recordResponse(see(n));
    assert.deepEqual(store.all().map((r) => r.url), [url(2), url(3), url(4)]);
  });

  it('a new response for a record makes it the most recently seen', () => {
    const store = newStore({ maxEntries: 3 });
    for (const n of [1, 2, 3]) store.recordResponse(see(n));
    store.recordResponse(response('GET', 304, {}, url(1)));
    store.recordResponse(see(4));
    assert.deepEqual(store.all().map((r) => r.url), [url(3), url(1), url(4)]);
  });

  it('reading and marking a record as used do not count as seeing it', () => {
    const store = newStore({ maxEntries: 2 });
    store.recordResponse(see(1));
    store.recordResponse(see(2));
    store.get(url(1));
    store.markUsed(url(1), '"1"');
    store.recordResponse(see(3));
    assert.deepEqual(store.all().map((r) => r.url), [url(2), url(3)]);
  });

  it('reports evicted URLs in the change event', () => {
    const store = newStore({ maxEntries: 1 });
    const events: ValidatorStoreChange[] = [];
    store.recordResponse(see(1));
    store.onDidChange((e) => events.push(e));
    store.recordResponse(see(2));
    assert.deepEqual(events, [{ kind: 'changed', urls: [url(2)], removed: [url(1)] }]);
  });

  it('setMaxEntries shrinks the store at once, oldest first', () => {
    const store = newStore();
    for (const n of [1, 2, 3, 4, 5]) store.recordResponse(see(n));
    const events: ValidatorStoreChange[] = [];
    store.onDidChange((e) => events.push(e));
    store.setMaxEntries(2);
    assert.deepEqual(store.all().map((r) => r.url), [url(4), url(5)]);
    assert.deepEqual(events, [{ kind: 'changed', urls: [], removed: [url(1), url(2), url(3)] }]);
  });

  it('setMaxEntries keeps at least one record and ignores a non-number', () => {
    const store = newStore();
    for (const n of [1, 2, 3]) store.recordResponse(see(n));
    store.setMaxEntries(0);
    assert.equal(store.size, 1);
    store.setMaxEntries(Number.NaN);
    for (const n of [4, 5, 6]) store.recordResponse(see(n));
    assert.equal(store.size, 4);
  });
});
