import * as assert from 'node:assert/strict';
import { toValidatorRecord } from '../../../src/core/validators/storedValidator';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { URL_A, URL_B, ManualTimer, MemoryPersistence, newStore, response } from './fakes';

function persistedStore(data?: unknown) {
  const persistence = new MemoryPersistence(data);
  const timer = new ManualTimer();
  const messages: string[] = [];
  const store = newStore({ persistence, timer, log: (m) => messages.push(m) });
  return { persistence, timer, messages, store };
}

/** What a version-1 save held: each record as the object the store keeps. */
function savedAsVersion1() {
  const { store } = savedStore();
  return { version: 1, records: JSON.parse(JSON.stringify(store.all())) as Array<Record<string, unknown>> };
}

function validSaved() {
  return savedStore().persistence.data as { version: number; records: string[] };
}

function savedStore() {
  const { persistence, store } = persistedStore();
  store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' }));
  store.recordResponse(response('GET', 200, { etag: 'W/"v1"', 'content-encoding': 'gzip', date: 'Wed, 01 May 2024 10:00:00 GMT' }));
  store.recordResponse(response('GET', 200, { etag: '"b1"' }, URL_B));
  store.markUsed(URL_B, '"b0"');
  store.recordResponse(response('PUT', 204, {}, URL_B));
  store.dispose();
  return { persistence, store };
}

describe('ValidatorStore persistence', () => {
  it('round-trips every record, field for field, in recency order', () => {
    const { persistence, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' }));
    store.recordResponse(response('GET', 200, { etag: 'W/"v1"', 'content-encoding': 'gzip' }));
    store.recordResponse(response('PUT', 204, {}, URL_B));
    store.markUsed(URL_A, '"v1"');
    store.dispose();

    const reloaded = newStore({ persistence });
    assert.deepEqual(reloaded.all(), store.all());
    assert.deepEqual(reloaded.all().map((r) => r.url), [URL_A, URL_B]);
    assert.equal(reloaded.freshestEtag(URL_A), '"v1"');
    assert.equal(reloaded.get(URL_B)?.state, 'changed-unknown');
  });

  it('saves a versioned envelope with each record as its own JSON array', () => {
    const data = validSaved();
    assert.equal(data.version, 3);
    assert.equal(data.records.length, 2);
    const [a] = data.records.map((text) => JSON.parse(text) as unknown[]);
    assert.deepEqual(a.slice(0, 5), [URL_A, a[1], 200, 'GET', 'current']);
    // Absent fields at the end (serverDate, staleSince, usedEtag of A) are left off.
    assert.ok(data.records.every((text) => !text.endsWith('null]')), data.records.join('\n'));
  });

  it('saves a record again after it changed, and keeps the saved text of the others', async () => {
    const { persistence, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"a1"' }));
    store.recordResponse(response('GET', 200, { etag: '"b1"' }, URL_B));
    await store.flush();
    const [, firstB] = (persistence.data as { records: string[] }).records;
    store.recordResponse(response('GET', 200, { etag: '"a2"' }));
    await store.flush();
    const [secondB, secondA] = (persistence.data as { records: string[] }).records;
    assert.equal(secondB, firstB);
    assert.equal((JSON.parse(secondA) as unknown[])[7], '"a2"');
    assert.equal(newStore({ persistence }).freshestEtag(URL_A), '"a2"');
  });

  it('loads version-1 data and saves it as version 3, losing nothing', async () => {
    const version1 = savedAsVersion1();
    const { persistence, store } = persistedStore(version1);
    assert.deepEqual(JSON.parse(JSON.stringify(store.all())), version1.records);
    store.markUsed(URL_A, '"v1"');
    await store.flush();
    assert.equal((persistence.data as { version: number }).version, 3);
    assert.deepEqual(newStore({ persistence }).all(), store.all());
  });

  it('writes 0 for a list entry that repeats the record, and reads it back field for field', () => {
    const { persistence, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' }), new Date('2024-05-01T09:00:00Z'));
    store.recordResponse(response('GET', 200, { etag: 'W/"v1"', 'content-encoding': 'gzip' }), new Date('2024-05-01T10:00:00Z'));
    store.dispose();
    const [text] = (persistence.data as { records: string[] }).records;
    const fields = JSON.parse(text) as unknown[];
    // The gzip representation and the newest history entry are the record's own; the identity ones are not.
    assert.deepEqual(fields[5], [0, ['2024-05-01T09:00:00.000Z', '"v1"', 'Wed, 01 May 2024 09:00:00 GMT']]);
    assert.deepEqual(fields[6], [0, ['2024-05-01T09:00:00.000Z', 200, 'GET', '"v1"', 'Wed, 01 May 2024 09:00:00 GMT']]);
    assert.deepEqual(newStore({ persistence }).all(), store.all());
  });

  it('loads version-2 texts, which write every entry out, as the same records', () => {
    const { persistence, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' }));
    store.recordResponse(response('GET', 200, { etag: 'W/"v1"', 'content-encoding': 'gzip' }));
    store.dispose();
    const [text] = (persistence.data as { records: string[] }).records;
    const fields = JSON.parse(text) as unknown[];
    const own = (keys: number[]) => keys.map((index) => fields[index]);
    // Expand each 0 as a version-2 save wrote it: [observedAt, etag, lastModified, contentEncoding] and [observedAt, status, method, etag, lastModified].
    fields[5] = (fields[5] as unknown[]).map((entry) => (entry === 0 ? own([1, 7, 8, 9]) : entry));
    fields[6] = (fields[6] as unknown[]).map((entry) => (entry === 0 ? own([1, 2, 3, 7, 8]) : entry));
    const version2 = JSON.stringify(fields).replace(/,null\]/g, ']');
    assert.ok(!version2.includes(',0'), version2);
    assert.deepEqual(persistedStore({ version: 2, records: [version2] }).store.all(), store.all());
  });

  it('debounces writes: many changes, one save when the timer fires', () => {
    const { persistence, timer, store } = persistedStore();
    for (let i = 0; i < 10; i++) store.recordResponse(response('GET', 200, { etag: `"v${i}"` }));
    assert.equal(persistence.saves.length, 0);
    assert.equal(timer.pending.size, 1);
    assert.equal([...timer.pending.values()][0].delayMs, 500);
    timer.runAll();
    assert.equal(persistence.saves.length, 1);
  });

  it('does not postpone a due save when more changes arrive', () => {
    const { timer, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    const [firstHandle] = timer.pending.keys();
    store.recordResponse(response('GET', 200, { etag: '"v2"' }));
    assert.deepEqual([...timer.pending.keys()], [firstHandle]);
  });

  it('flush writes at once and cancels the pending timer', async () => {
    const { persistence, timer, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    await store.flush();
    assert.equal(persistence.saves.length, 1);
    assert.equal(timer.pending.size, 0);
    await store.flush();
    assert.equal(persistence.saves.length, 1, 'nothing new to save');
  });

  it('does not write at construction or for a response that records nothing', () => {
    const { persistence, timer, store } = persistedStore(validSaved());
    store.recordResponse(response('GET', 500, {}, 'https://example.com/unknown'));
    assert.equal(timer.pending.size, 0);
    assert.equal(persistence.saves.length, 0);
  });

  it('dispose flushes pending changes', () => {
    const { persistence, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.dispose();
    assert.equal(persistence.saves.length, 1);
  });

  it('persists forget and clear', async () => {
    const { persistence, store } = persistedStore(validSaved());
    store.forget(URL_A);
    await store.flush();
    assert.equal((persistence.data as { records: unknown[] }).records.length, 1);
    store.clear();
    await store.flush();
    assert.deepEqual(persistence.data, { version: 3, records: [] });
  });

  it('logs a failed save, keeps the changes and retries on the next flush', async () => {
    const messages: string[] = [];
    let attempts = 0;
    const store = newStore({
      persistence: {
        load: () => undefined,
        save: () => {
          attempts++;
          return attempts === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve();
        },
      },
      log: (m) => messages.push(m),
    });
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    await store.flush();
    assert.match(messages.join('\n'), /disk full/);
    await store.flush();
    assert.equal(attempts, 2);
  });

  it('loads records that save exactly as they did before the load', () => {
    const { persistence, store } = persistedStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' }));
    store.recordResponse(response('GET', 200, { etag: 'W/"v1"', 'content-encoding': 'gzip', date: 'Wed, 01 May 2024 10:00:00 GMT' }));
    store.markUsed(URL_A, '"v1"');
    store.recordResponse(response('DELETE', 204, {}, URL_A));
    store.recordResponse(response('PUT', 201, { etag: '"b1"' }, URL_B));
    store.dispose();
    // Same keys in the same order, so a load and save leaves workspaceState byte for byte as it was.
    assert.equal(JSON.stringify(newStore({ persistence }).all()), JSON.stringify(store.all()));
  });

  it('works in memory without a persistence port', async () => {
    const store = new ValidatorStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    await store.flush();
    store.dispose();
    assert.equal(store.freshestEtag(URL_A), '"v1"');
  });

  it('caps loaded records at maxEntries, keeping the most recently seen', () => {
    const persistence = new MemoryPersistence(validSaved());
    const messages: string[] = [];
    const store = newStore({ persistence, maxEntries: 1, log: (m) => messages.push(m) });
    assert.deepEqual(store.all().map((r) => r.url), [URL_B]);
    assert.equal(messages.length, 1);
  });

  it('exports the contract shape without the store-only fields', () => {
    const store = newStore({ persistence: new MemoryPersistence(validSaved()) });
    const record = toValidatorRecord(store.get(URL_B)!);
    assert.deepEqual(Object.keys(record).sort(), [
      'etag', 'history', 'method', 'observedAt', 'representations', 'status', 'url', 'weak',
    ]);
  });

  describe('corrupt or unknown saved data', () => {
    const dropped: Array<[string, unknown]> = [
      ['a string', 'garbage'],
      ['a number', 42],
      ['an array', [1, 2, 3]],
      ['an object without a version', { records: [] }],
      ['version 0', { version: 0, records: [] }],
      ['a version given as a string', { version: '1', records: [] }],
      ['a newer version', { version: 4, records: [{ url: URL_A }] }],
      ['records that are not a list', { version: 1, records: { [URL_A]: {} } }],
    ];
    for (const [description, data] of dropped) {
      it(`drops ${description} with one log line and starts empty`, () => {
        const { store, messages } = persistedStore(data);
        assert.equal(store.size, 0);
        assert.equal(messages.length, 1);
      });
    }

    it('says so when the data comes from a newer version', () => {
      const { messages } = persistedStore({ version: 4, records: [] });
      assert.match(messages[0], /newer/);
    });

    it('starts empty and silent when nothing was saved yet', () => {
      const { store, messages } = persistedStore(undefined);
      assert.equal(store.size, 0);
      assert.deepEqual(messages, []);
    });

    it('logs and starts empty when reading the saved data throws', () => {
      const messages: string[] = [];
      const store = newStore({
        persistence: { load: () => { throw new Error('storage unavailable'); }, save: () => undefined },
        log: (m) => messages.push(m),
      });
      assert.equal(store.size, 0);
      assert.match(messages.join('\n'), /storage unavailable/);
    });

    it('skips bad version-1 records one by one and keeps the good ones', () => {
      const saved = savedAsVersion1();
      const [goodA, goodB] = saved.records;
      const bad: unknown[] = [
        null,
        'record',
        { ...goodA, url: 'not a url' },
        { ...goodA, url: undefined },
        { ...goodA, status: '200' },
        { ...goodA, observedAt: 'yesterday' },
        { ...goodA, method: '' },
        { ...goodA, state: 'maybe' },
        { ...goodA, etag: 17 },
        { ...goodA, history: 'none' },
        { ...goodA, history: [{ observedAt: 'x' }] },
        { ...goodA, representations: [{ etag: '"x"' }] },
        { ...goodA, representations: [...(goodA.representations as unknown[]), ...(goodA.representations as unknown[])] },
      ];
      const { store, messages } = persistedStore({ version: 1, records: [goodA, ...bad, goodB] });
      assert.deepEqual(store.all().map((r) => r.url), [URL_A, URL_B]);
      assert.deepEqual(messages, [`Validator store: skipped ${bad.length} malformed saved validator record(s).`]);
    });

    it('re-keys a saved URL that is not in normalized form and derives the weak flag from the tag', () => {
      const [goodA] = savedAsVersion1().records;
      const { store } = persistedStore({
        version: 1,
        records: [{ ...goodA, url: 'HTTPS://API.EXAMPLE.COM:443/items/1#x', weak: 'yes' }],
      });
      assert.equal(store.get(URL_A)?.url, URL_A);
      assert.equal(store.get(URL_A)?.weak, true);
    });

    it('keeps at most 20 saved history entries', () => {
      const [goodA] = savedAsVersion1().records;
      const entry = (goodA.history as unknown[])[0];
      const { store } = persistedStore({ version: 1, records: [{ ...goodA, history: Array(30).fill(entry) }] });
      assert.equal(store.get(URL_A)?.history.length, 20);
    });

    it('skips bad version-2 record texts one by one and keeps the good ones', () => {
      const [goodA, goodB] = validSaved().records;
      const fields = JSON.parse(goodA) as unknown[];
      const withField = (index: number, value: unknown) => JSON.stringify(Object.assign([...fields], { [index]: value }));
      const bad: unknown[] = [
        null,
        42,
        { url: URL_A },
        'not json',
        '{"url":"https://api.example.com/items/1"}',
        '[]',
        JSON.stringify(fields.slice(0, 4)),
        withField(0, 'not a url'),
        withField(1, 'yesterday'),
        withField(2, '200'),
        withField(3, null),
        withField(4, 'maybe'),
        withField(5, [['not a time']]),
        withField(6, 'none'),
        withField(6, [[null, 200, 'GET']]),
        withField(7, 17),
      ];
      const { store, messages } = persistedStore({ version: 2, records: [goodA, ...bad, goodB] });
      assert.deepEqual(store.all().map((r) => r.url), [URL_A, URL_B]);
      // Texts that have no URL key are skipped on load, the rest when first read.
      const skipped = messages.map((m) => Number(/^Validator store: skipped (\d+) malformed saved validator record\(s\)\.$/.exec(m)?.[1]));
      assert.equal(skipped.reduce((sum, n) => sum + n, 0), bad.length, messages.join('\n'));
    });
  });

  describe('loading version-2 texts on first use', () => {
    it('saves the loaded texts again unchanged when nothing was read', async () => {
      const saved = validSaved();
      const { persistence, store } = persistedStore(saved);
      assert.equal(store.size, 2);
      store.setMaxEntries(5);
      store.recordResponse(response('GET', 200, { etag: '"c1"' }, 'https://api.example.com/items/3'));
      await store.flush();
      const [a, b] = (persistence.data as { records: string[] }).records;
      assert.deepEqual([a, b], saved.records);
    });

    it('finds a loaded record by any spelling of its URL before anything else reads it', () => {
      const { store } = persistedStore(validSaved());
      assert.equal(store.get('HTTPS://API.EXAMPLE.COM:443/items/1#top')?.url, URL_A);
      assert.equal(store.freshestEtag(URL_A), '"v1"');
      assert.equal(store.get(URL_B)?.usedEtag, '"b0"');
    });

    it('keys a text saved under a URL in another form by its normalized URL', () => {
      const [goodA] = validSaved().records;
      const respelled = goodA.replace(URL_A, 'HTTPS://api.EXAMPLE.com:443/items/1');
      const { store, messages } = persistedStore({ version: 2, records: [respelled] });
      assert.equal(store.get(URL_A)?.url, URL_A);
      assert.deepEqual(messages, []);
    });

    it('keeps a good text when a damaged copy of the same URL follows it', () => {
      const [goodA, goodB] = validSaved().records;
      const damaged = JSON.stringify(Object.assign(JSON.parse(goodA) as unknown[], { 2: 'two hundred' }));
      const { store, messages } = persistedStore({ version: 2, records: [goodA, damaged, goodB] });
      assert.deepEqual(store.all().map((r) => r.url), [URL_A, URL_B]);
      assert.deepEqual(messages, ['Validator store: skipped 1 malformed saved validator record(s).']);
    });

    it('drops a malformed text when it is first read, and records the next response afresh', () => {
      const [goodA] = validSaved().records;
      const damaged = JSON.stringify(Object.assign(JSON.parse(goodA) as unknown[], { 4: 'maybe' }));
      const { store, messages } = persistedStore({ version: 2, records: [damaged] });
      assert.equal(store.size, 1);
      assert.equal(store.get(URL_A), undefined);
      assert.equal(store.size, 0);
      assert.deepEqual(messages, ['Validator store: skipped 1 malformed saved validator record(s).']);
      assert.equal(store.recordResponse(response('GET', 200, { etag: '"v9"' }))?.etag, '"v9"');
    });

    it('merges a response into the saved record it is about, keeping the saved history', () => {
      const saved = validSaved();
      const before = newStore({ persistence: new MemoryPersistence(saved) }).get(URL_A);
      const { store } = persistedStore(saved);
      const after = store.recordResponse(response('GET', 200, { etag: '"v2"' }));
      assert.ok(before && after);
      assert.equal(after.history.length, before.history.length + 1);
      assert.deepEqual(after.history.slice(1), before.history);
    });
  });
});
