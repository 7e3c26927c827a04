import { strict as assert } from 'node:assert';
import { replacesAnotherClientsChange, writeGuardAsks } from '../../../src/core/send/writeGuard';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';

const URL = 'http://api.test/items/1';

describe('the write guard: which cause asks before a write is re-sent', () => {
  it('asks when another client saved a newer version', () => {
    const store = new ValidatorStore();
    store.recordResponse({ method: 'GET', url: URL, status: 200, responseHeaders: { etag: '"v2"' } });
    assert.equal(writeGuardAsks('PUT', '"v1"', '"v2"', store.get(URL)), true);
    assert.equal(writeGuardAsks('PATCH', '"v1"', '"v2"', undefined), true);
  });

  it('does not ask when the tag only changed form (compression): nobody else changed anything', () => {
    assert.equal(writeGuardAsks('PUT', 'W/"v1"', '"v1"', undefined), false);
    assert.equal(writeGuardAsks('PUT', '"v1-gzip"', '"v1"', undefined), false);
  });

  it('does not ask when our own write produced the fresh tag, for reads, or without tags', () => {
    const store = new ValidatorStore();
    store.recordResponse({ method: 'PUT', url: URL, status: 200, responseHeaders: { etag: '"v2"' } });
    assert.equal(replacesAnotherClientsChange('"v1"', '"v2"', store.get(URL)), false);
    assert.equal(writeGuardAsks('GET', '"v1"', '"v2"', undefined), false);
    assert.equal(writeGuardAsks('PUT', undefined, '"v2"', undefined), false);
    assert.equal(writeGuardAsks('PUT', '*', '"v2"', undefined), false);
  });
});
