// Case 1, parsing. Our parseHttpFile against httpyac's parser through its public API
// (HttpFileStore.parse, what its VS Code extension calls on every document change),
// then our ParseCache: a one-character edit, and a version that did not change.
import os from 'node:os';
import path from 'node:path';
import httpyac from 'httpyac';
import { compare, median, timeOnce } from '../lib/stats.mjs';
import { editOneCharacter, generateHttpFile } from '../lib/generate.mjs';

export async function parseCases({ core, quick }) {
  const rows = [];
  const text10k = generateHttpFile(10_000);

  // httpyac reads files through a pluggable provider; its CLI installs the node:fs one. The
  // parse itself stays in memory: the working directory is only searched for config files.
  httpyac.cli.initFileProvider();
  const store = new httpyac.store.HttpFileStore();
  // A folder without httpyac config files above it, so every parse looks up the same nothing.
  const workingDir = os.tmpdir();
  const fileName = path.join(workingDir, 'precondition-doctor-bench-10k.http');
  const httpyacParse = async () => {
    const file = await store.parse(fileName, text10k, { workingDir });
    return file.httpRegions.filter((region) => region.request).length;
  };
  const oursParse = () => core.parseHttpFile(text10k).requests.length;
  const [oursCount, theirCount] = [oursParse(), await httpyacParse()];
  if (oursCount !== 10_000 || theirCount !== 10_000) {
    throw new Error(`parse case: expected 10000 requests, ours found ${oursCount}, httpyac ${theirCount}`);
  }

  const versus = await compare({ ours: oursParse, httpyac: httpyacParse }, quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 });
  rows.push({
    id: 'parse.vsHttpyac',
    case: 'Parse',
    what: '10,000-request file, ours vs httpyac',
    unit: 'ms',
    ours: versus.ours,
    baseline: { name: 'httpyac HttpFileStore.parse', ...versus.httpyac },
    ratio: versus.ours.median / versus.httpyac.median,
    goal: { text: '≥ 3× faster than httpyac (ratio ≤ 0.33)', on: 'ratio', max: 1 / 3 },
  });

  // The absolute goal gets its own, longer series: a few slow samples should not decide it.
  const alone = await compare({ ours: oursParse }, quick ? { warmup: 3, runs: 7 } : { warmup: 5, runs: 21 });
  rows.push({
    id: 'parse.10k',
    case: 'Parse',
    what: '10,000-request file (3.2 MB), ours alone',
    unit: 'ms',
    ours: alone.ours,
    goal: { text: '< 100 ms', on: 'value', max: 100, strict: true },
  });

  rows.push(...await cacheRows(core, quick));
  return rows;
}

async function cacheRows(core, quick) {
  const original = generateHttpFile(2000, 11);
  const edited = editOneCharacter(original);
  if (edited.length !== original.length || edited === original) throw new Error('parse case: the edit must change one character');

  // Each call is a new document version whose text differs from the last by one character.
  const cache = new core.ParseCache();
  let version = 0;
  cache.get('bench://2k.http', version, () => original);
  const textOf = (v) => (v % 2 ? edited : original);
  const runs = quick ? { warmup: 3, runs: 9 } : { warmup: 5, runs: 25 };
  const edit = await compare({
    cached: () => {
      version++;
      cache.get('bench://2k.http', version, () => textOf(version));
    },
    cold: () => core.parseHttpFile(textOf(version + 1)),
  }, runs);

  // Same version asked for again (what CodeLens, lints and commands do between edits).
  const before = cache.parseCount;
  const hitSamples = [];
  for (let round = 0; round < 7; round++) {
    hitSamples.push(await timeOnce(() => {
      for (let i = 0; i < 1000; i++) cache.get('bench://2k.http', version, () => textOf(version));
    }) / 1000);
  }
  const reparses = cache.parseCount - before;

  return [
    {
      id: 'parse.edit',
      case: 'Parse',
      what: '2,000-request file after a 1-character edit: ParseCache vs cold parse',
      unit: 'ms',
      ours: edit.cached,
      baseline: { name: 'cold parseHttpFile', ...edit.cold },
      ratio: edit.cached.median / edit.cold.median,
      goal: { text: 'informational (an edit re-parses the whole file)' },
    },
    {
      id: 'parse.unchanged',
      case: 'Parse',
      what: 'same version asked for again (7×1,000 gets): re-parses',
      unit: 'count',
      value: reparses,
      oursText: `${reparses} re-parses (${(median(hitSamples) * 1000).toFixed(2)} µs a get)`,
      goal: { text: '0 re-parses', on: 'value', max: 0 },
    },
  ];
}
