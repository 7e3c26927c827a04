// Case 4, the validator store at 100,000 records (20× the default cap): recording,
// lookups at three sizes (flat means O(1)), the save path that workspaceState runs
// (ValidatorCodec + JSON.stringify), loading it back, and the heap it takes.
import { performance } from 'node:perf_hooks';
import { collectGarbage, median, summarize } from '../lib/stats.mjs';

const SIZES = [1_000, 10_000, 100_000];
const LOOKUPS = 100_000;

const urlOf = (i) => `https://api.example.test/tenants/${i % 97}/orders/${i}?view=full`;
const responseOf = (i) => ({
  method: 'GET',
  url: urlOf(i),
  status: 200,
  responseHeaders: {
    etag: `"${(i * 2654435761 >>> 0).toString(16)}-${i}"`,
    'last-modified': 'Tue, 02 Jan 2024 03:04:05 GMT',
    'content-type': 'application/json',
  },
});

/** A store holding `size` records, and how long recording them took. */
function filledStore(core, size, persistence) {
  const timer = { setTimeout: () => 0, clearTimeout: () => undefined }; // saves only when flushed
  const store = new core.ValidatorStore({ maxEntries: size, persistence, timer, now: () => new Date(Date.UTC(2026, 0, 1)) });
  const started = performance.now();
  for (let i = 0; i < size; i++) store.recordResponse(responseOf(i));
  return { store, ms: performance.now() - started };
}

export async function storeCases({ core, quick }) {
  const rounds = quick ? 3 : 5;
  const rows = [];

  // Insert and lookup, per operation, at each size; the smallest size is the baseline for flatness.
  const insertUs = Object.fromEntries(SIZES.map((size) => [size, []]));
  const lookupUs = Object.fromEntries(SIZES.map((size) => [size, []]));
  for (let round = 0; round < rounds + 1; round++) {
    for (const size of SIZES) {
      collectGarbage();
      const { store, ms } = filledStore(core, size);
      // Random existing URLs, the same count at every size, so only the store's size differs.
      let state = 12345;
      const keys = Array.from({ length: LOOKUPS }, () => urlOf((state = (state * 1103515245 + 12345) >>> 0) % size));
      collectGarbage();
      const started = performance.now();
      let found = 0;
      for (const key of keys) if (store.get(key)) found++;
      const lookupMs = performance.now() - started;
      if (found !== LOOKUPS) throw new Error(`store case: ${LOOKUPS - found} lookups missed at size ${size}`);
      if (round > 0) {
        insertUs[size].push((ms * 1000) / size);
        lookupUs[size].push((lookupMs * 1000) / LOOKUPS);
      }
      store.dispose();
    }
  }
  const [small, , large] = SIZES;
  const perSize = (samples) => Object.fromEntries(SIZES.map((size) => [size, Number(median(samples[size]).toFixed(3))]));
  rows.push({
    id: 'store.insert',
    case: 'Store',
    what: 'record a response, per insert: 100k-record store vs 1k',
    unit: 'µs',
    ours: summarize(insertUs[large]),
    baseline: { name: 'same at 1k records', ...summarize(insertUs[small]) },
    ratio: median(insertUs[large]) / median(insertUs[small]),
    perSize: perSize(insertUs),
    goal: { text: 'informational' },
  });
  rows.push({
    id: 'store.lookup',
    case: 'Store',
    what: 'get(url), per lookup: 100k-record store vs 1k (10k in results.json)',
    unit: 'µs',
    ours: summarize(lookupUs[large]),
    baseline: { name: 'same at 1k records', ...summarize(lookupUs[small]) },
    ratio: median(lookupUs[large]) / median(lookupUs[small]),
    perSize: perSize(lookupUs),
    // A Map lookup is O(1); what still grows from 1k to 100k records is CPU cache misses on a
    // 65 MB heap (about +0.3 µs). Linear growth would show as 100×.
    goal: { text: 'O(1): 100k/1k ≤ 2× (linear: 100×)', on: 'ratio', max: 2 },
  });

  // Save: what the debounced flush hands workspaceState, serialized as VS Code stores it.
  let saved;
  const persistence = { load: () => undefined, save: (data) => void (saved = JSON.stringify(data)) };
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const { store } = filledStore(core, large, persistence);
  collectGarbage();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  // Round 0 is the store's first save, which encodes every record; later rounds save after one
  // new response, as the debounced save after a send does, and reuse the other records' texts.
  const flushMs = [];
  let firstSaveMs;
  for (let round = 0; round < rounds + 1; round++) {
    store.recordResponse(responseOf(round)); // something unsaved, so flush writes
    collectGarbage();
    const started = performance.now();
    await store.flush();
    if (round > 0) flushMs.push(performance.now() - started);
    else firstSaveMs = performance.now() - started;
  }
  // Every record encoded afresh, without the JSON step: the first save's share of our code.
  const encodeMs = [];
  for (let round = 0; round < rounds + 1; round++) {
    collectGarbage();
    const started = performance.now();
    new core.ValidatorCodec().encode(store.all()); // a new codec remembers no record's text
    if (round > 0) encodeMs.push(performance.now() - started);
  }
  store.dispose();
  rows.push({
    id: 'store.serialize',
    case: 'Store',
    what: `save 100k records after a response (flush → ValidatorCodec → JSON as workspaceState does, ${(saved.length / 1e6).toFixed(1)} MB)`,
    unit: 'ms',
    ours: summarize(flushMs),
    firstSaveMs,
    encodeOnly: summarize(encodeMs),
    goal: { text: '< 200 ms', on: 'value', max: 200, strict: true },
  });

  // Load: what activation does with the saved records: parse them and key each record text.
  // The baseline reads every record too, decoding each (what loading cost before decoding
  // waited for first use, and what opening the Validators view still costs).
  const json = saved;
  const loadMs = [];
  const loadAndReadMs = [];
  for (let round = 0; round < rounds + 1; round++) {
    collectGarbage();
    const started = performance.now();
    const loaded = new core.ValidatorStore({ maxEntries: large, persistence: { load: () => JSON.parse(json), save: () => undefined } });
    const ms = performance.now() - started;
    if (loaded.size !== large) throw new Error(`store case: loaded ${loaded.size} of ${large} records`);
    const read = loaded.all().length;
    const allMs = performance.now() - started;
    if (read !== large) throw new Error(`store case: decoded ${read} of ${large} records`);
    loaded.dispose();
    if (round > 0) {
      loadMs.push(ms);
      loadAndReadMs.push(allMs);
    }
  }
  rows.push({
    id: 'store.load',
    case: 'Store',
    what: 'load 100k saved records (JSON.parse + key; each decoded on first read)',
    unit: 'ms',
    ours: summarize(loadMs),
    baseline: { name: 'load and decode every record', ...summarize(loadAndReadMs) },
    ratio: median(loadMs) / median(loadAndReadMs),
    goal: { text: 'informational' },
  });
  rows.push({
    id: 'store.memory',
    case: 'Store',
    what: 'heap taken by 100k records',
    unit: 'MB',
    value: heapBytes / 1e6,
    oursText: `${(heapBytes / 1e6).toFixed(1)} MB (${Math.round(heapBytes / large)} bytes a record)`,
    goal: { text: 'informational' },
  });
  return rows;
}
