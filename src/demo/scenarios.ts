/**
 * The demo's scenarios: one path prefix per cause of a 412 or 428, each a fresh origin,
 * alone or behind the layer that produces the cause. GET / serves this list as JSON, and
 * the README's demo section documents the same paths.
 */
import { createAzureBlobs } from './azure';
import { withGzipLayer } from './compression';
import { CachingIntermediary } from './intermediary';
import { createOrigin, type OriginOptions } from './origin';
import type { JsonValue, ResourceStore } from './resourceStore';
import type { Clock, Handler } from './types';

export interface Scenario {
  /** Matches a Diagnosis cause id where there is one. */
  readonly cause: string;
  readonly prefix: string;
  readonly title: string;
  readonly howTo: string;
  /** This scenario's server clock: Date, Last-Modified and edits use it. */
  readonly clock: Clock;
  readonly handle: Handler;
  /** Documents written on start and by POST /_reset. */
  readonly seeds: ReadonlyArray<readonly [path: string, data: JsonValue]>;
  /** Forgets scenario state beyond the store (the cache's entries). */
  readonly reset: () => void;
}

/** How far the clock-ahead server's clock runs ahead of the real one. */
export const CLOCK_AHEAD_MS = 60 * 60 * 1000;

/** Long enough that both compression layers compress it (Apache skips bodies under ~68 bytes). */
function seedDocuments(collectionPath: string): Array<readonly [string, JsonValue]> {
  return [
    [
      `${collectionPath}/1`,
      {
        id: '1',
        title: 'Quarterly report',
        status: 'draft',
        owner: 'alice',
        summary: 'Revenue grew in every region; the appendix breaks it down by product line.',
      },
    ],
    [
      `${collectionPath}/2`,
      {
        id: '2',
        title: 'Team offsite',
        status: 'planned',
        owner: 'bob',
        summary: 'Two days in the mountains; the agenda is still open for suggestions.',
      },
    ],
  ];
}

export function createScenarios(store: ResourceStore, realClock: Clock): Scenario[] {
  const aheadClock: Clock = () => realClock() + CLOCK_AHEAD_MS;
  const origin = (collectionPath: string, extra: Partial<OriginOptions> = {}): Handler =>
    createOrigin({ store, clock: realClock, collectionPath, ...extra });
  const noReset = () => undefined;
  const cache = new CachingIntermediary(origin('/cached/items', { cacheControl: 'public, max-age=300' }), realClock);

  return [
    {
      cause: 'changed-by-another-client',
      prefix: '/items',
      title: 'Another client edits the document between your GET and your PUT',
      howTo: 'GET /items/1, then POST /_simulate/edit/items/1, then PUT /items/1 with the old ETag in If-Match: 412.',
      clock: realClock,
      handle: origin('/items'),
      seeds: seedDocuments('/items'),
      reset: noReset,
    },
    {
      cause: 'changed-by-another-client',
      prefix: '/busy/items',
      title: 'A background writer edits /busy/items/1 every few seconds',
      howTo: 'GET /busy/items/1, wait for the writer (see the server log), PUT with the old ETag: 412.',
      clock: realClock,
      handle: origin('/busy/items'),
      seeds: seedDocuments('/busy/items'),
      reset: noReset,
    },
    {
      cause: 'intermediary-altered-validator',
      prefix: '/nginx-gzip/items',
      title: 'Compression weakens the ETag (nginx gzip filter): "x" becomes W/"x"',
      howTo: 'GET /nginx-gzip/items/1 with Accept-Encoding: gzip, then PUT with its W/ ETag in If-Match: 412.',
      clock: realClock,
      handle: withGzipLayer('nginx', origin('/nginx-gzip/items')),
      seeds: seedDocuments('/nginx-gzip/items'),
      reset: noReset,
    },
    {
      cause: 'intermediary-altered-validator',
      prefix: '/apache-gzip/items',
      title: 'Compression appends -gzip to the ETag (Apache mod_deflate): "x" becomes "x-gzip"',
      howTo: 'GET /apache-gzip/items/1 with Accept-Encoding: gzip, then PUT with its -gzip ETag in If-Match: 412.',
      clock: realClock,
      handle: withGzipLayer('apache', origin('/apache-gzip/items')),
      seeds: seedDocuments('/apache-gzip/items'),
      reset: noReset,
    },
    {
      cause: 'clock-skew',
      prefix: '/clock-ahead/items',
      title: 'The server clock runs an hour ahead: Date and Last-Modified are in your future',
      howTo: 'PUT /clock-ahead/items/1 with If-Unmodified-Since set to your current time: 412.',
      clock: aheadClock,
      handle: createOrigin({ store, clock: aheadClock, collectionPath: '/clock-ahead/items' }),
      seeds: seedDocuments('/clock-ahead/items'),
      reset: noReset,
    },
    {
      cause: 'precondition-required',
      prefix: '/required/items',
      title: 'The server insists on If-Match for every change',
      howTo: 'PUT, PATCH or DELETE /required/items/1 without If-Match: 428.',
      clock: realClock,
      handle: origin('/required/items', { requireIfMatch: true }),
      seeds: seedDocuments('/required/items'),
      reset: noReset,
    },
    {
      cause: 'intermediary-altered-validator',
      prefix: '/cached/items',
      title: 'A shared cache (Via, Age, X-Cache) serves a stale ETag for five minutes',
      howTo: 'GET /cached/items/1, POST /_simulate/edit/cached/items/1, GET again (X-Cache: HIT), PUT with that ETag: 412.',
      clock: realClock,
      handle: cache.handle,
      seeds: seedDocuments('/cached/items'),
      reset: () => cache.clear(),
    },
    {
      cause: 'etag-mismatch',
      prefix: '/azure/blobs',
      title: 'Azure Blob Storage style: 412 with x-ms-error-code: ConditionNotMet and an XML body',
      howTo: 'PUT /azure/blobs/report.json with If-Match: "0x0": 412 ConditionNotMet; If-None-Match: * on it: 409.',
      clock: realClock,
      handle: createAzureBlobs(store, realClock, '/azure/blobs'),
      seeds: [['/azure/blobs/report.json', { title: 'Quarterly report', format: 'json', pages: 12 }]],
      reset: noReset,
    },
  ];
}

/** The scenario that owns a path: the longest prefix that matches whole segments. */
export function scenarioFor(scenarios: readonly Scenario[], path: string): Scenario | undefined {
  return scenarios
    .filter((scenario) => path === scenario.prefix || path.startsWith(`${scenario.prefix}/`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

/** Restores the seed documents and forgets caches: the known state tests start from. */
export function resetScenarios(store: ResourceStore, scenarios: readonly Scenario[]): void {
  store.clear();
  for (const scenario of scenarios) {
    scenario.reset();
    for (const [path, data] of scenario.seeds) store.write(path, data, scenario.clock());
  }
}
