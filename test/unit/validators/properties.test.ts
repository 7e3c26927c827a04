import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HISTORY_LIMIT } from '../../../src/core/validators/storedValidator';
import { MemoryPersistence, newStore } from './fakes';

const arbitraryResponse = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'POST', 'get'),
  url: fc.constantFrom(
    'https://a.example/x',
    'https://A.EXAMPLE:443/x#f',
    'https://a.example/y?q=1',
    'http://b.example/',
    'http://b.example:8080/',
    'http://[::1]/z',
    'not a url',
  ),
  status: fc.constantFrom(0, 200, 201, 204, 304, 404, 410, 412, 428, 500),
  responseHeaders: fc.record(
    {
      etag: fc.constantFrom('"v1"', 'W/"v1"', '"v1-gzip"', '"v2"', 'v3', ''),
      'last-modified': fc.constantFrom('Wed, 01 May 2024 09:00:00 GMT', 'Wed, 01 May 2024 10:00:00 GMT'),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'GZIP'),
    },
    { requiredKeys: [] },
  ),
});

describe('ValidatorStore properties', () => {
  it('any sequence of responses keeps history ≤ 20, size ≤ maxEntries, one representation per coding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(arbitraryResponse, { maxLength: 80 }), (maxEntries, responses) => {
        const store = newStore({ maxEntries });
        for (const r of responses) store.recordResponse(r);
        assert.ok(store.size <= maxEntries);
        for (const record of store.all()) {
          assert.ok(record.history.length <= HISTORY_LIMIT);
          const codings = record.representations.map((r) => r.contentEncoding);
          assert.equal(new Set(codings).size, codings.length);
          assert.equal(record.etag, record.representations[0]?.etag);
        }
      }),
    );
  });

  it('whatever the store holds survives a save and load unchanged', () => {
    fc.assert(
      fc.property(fc.array(arbitraryResponse, { maxLength: 40 }), (responses) => {
        const persistence = new MemoryPersistence();
        const store = newStore({ persistence });
        for (const r of responses) store.recordResponse(r);
        store.dispose();
        assert.deepEqual(newStore({ persistence }).all(), store.all());
      }),
    );
  });

  it('a loaded store that records more responses saves exactly what it then holds', () => {
    fc.assert(
      fc.property(fc.array(arbitraryResponse, { maxLength: 20 }), fc.array(arbitraryResponse, { maxLength: 20 }), (before, after) => {
        const persistence = new MemoryPersistence();
        const first = newStore({ persistence });
        for (const r of before) first.recordResponse(r);
        first.dispose();
        const second = newStore({ persistence });
        for (const r of after) second.recordResponse(r);
        second.dispose();
        assert.deepEqual(newStore({ persistence }).all(), second.all());
      }),
    );
  });
});
