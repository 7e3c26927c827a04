import * as assert from 'node:assert/strict';
import type { ValidatorStoreChange } from '../../../src/core/validators/validatorStore';
import { URL_A, URL_B, MemoryPersistence, newStore, response } from './fakes';

function recording() {
  const store = newStore();
  const events: ValidatorStoreChange[] = [];
  const subscription = store.onDidChange((e) => events.push(e));
  return { store, events, subscription };
}

describe('ValidatorStore change events', () => {
  it('fires once per recorded response with the normalized URL', () => {
    const { store, events } = recording();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }, 'HTTPS://API.EXAMPLE.COM/items/1'));
    assert.deepEqual(events, [{ kind: 'changed', urls: [URL_A], removed: [] }]);
  });

  it('does not fire for a response that records nothing', () => {
    const { store, events } = recording();
    store.recordResponse(response('GET', 404));
    assert.deepEqual(events, []);
  });

  it('fires removed for forget, and nothing when forgetting an unknown URL', () => {
    const { store, events } = recording();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    assert.equal(store.forget(URL_B), false);
    assert.equal(store.forget(URL_A + '#frag'), true);
    assert.equal(store.get(URL_A), undefined);
    assert.deepEqual(events.slice(1), [{ kind: 'changed', urls: [], removed: [URL_A] }]);
  });

  it('fires cleared for clear, and nothing when already empty', () => {
    const { store, events } = recording();
    store.clear();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.recordResponse(response('GET', 200, { etag: '"v2"' }, URL_B));
    store.clear();
    assert.equal(store.size, 0);
    assert.deepEqual(events.map((e) => e.kind), ['changed', 'changed', 'cleared']);
  });

  it('fires reloaded for an explicit load', () => {
    const persistence = new MemoryPersistence();
    const store = newStore({ persistence });
    const events: ValidatorStoreChange[] = [];
    store.onDidChange((e) => events.push(e));
    store.load();
    assert.deepEqual(events, [{ kind: 'reloaded' }]);
  });

  it('fires for markUsed only when the used tag changes', () => {
    const { store, events } = recording();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.markUsed(URL_A, '"v1"');
    store.markUsed(URL_A, '"v1"');
    assert.equal(events.length, 2);
  });

  it('stops calling a listener once its subscription is disposed', () => {
    const { store, events, subscription } = recording();
    subscription.dispose();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    assert.deepEqual(events, []);
  });

  it('stops calling every listener once the store is disposed', () => {
    const { store, events } = recording();
    store.dispose();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    assert.deepEqual(events, []);
  });

  it('logs a failing listener instead of failing the response that triggered it', () => {
    const messages: string[] = [];
    const store = newStore({ log: (m) => messages.push(m) });
    store.onDidChange(() => {
      throw new Error('tree exploded');
    });
    assert.ok(store.recordResponse(response('GET', 200, { etag: '"v1"' })));
    assert.equal(store.freshestEtag(URL_A), '"v1"');
    assert.match(messages.join('\n'), /tree exploded/);
  });
});
