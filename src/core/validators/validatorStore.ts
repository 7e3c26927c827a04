import { Emitter, type Disposable, type Event } from '../events';
import { applyResponse } from './applyResponse';
import { ArrivalTimeFormatter } from './arrivalTime';
import { freshestEtagOf, freshestLastModifiedOf, hasChangedSinceUsed } from './freshestValidators';
import { rekeyRecords } from './mergeRecords';
import { UrlKeyMemo, normalizeUrl } from './normalizeUrl';
import { describeSkipped, ValidatorCodec, type DecodedValidators, type LoadedRecord, type PersistedValidators } from './persistedValidators';
import { observeResponse, type ObservedResponse } from './responseObservation';
import { SigningParameters } from './signingParameters';
import { withUsedEtag, type StoredValidator } from './storedValidator';

export const DEFAULT_MAX_VALIDATOR_ENTRIES = 5000;
export const DEFAULT_SAVE_DELAY_MS = 500;

/** Shared by every event that removed nothing: most of them, one per recorded response. */
const NOTHING_REMOVED: readonly string[] = Object.freeze([]);

/** Where the store keeps its records between sessions; `workspaceState` fits (get/update under one key). */
export interface ValidatorPersistence {
  /** What `save` last wrote, or `undefined` on first use. */
  load(): unknown;
  save(data: PersistedValidators): void | PromiseLike<void>;
}

/** Injected so tests can drive the save debounce without waiting. */
export interface SaveTimer {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ValidatorStoreOptions {
  /** Without one the store lives in memory only. */
  persistence?: ValidatorPersistence;
  /** `preconditionDoctor.validators.maxEntries`. */
  maxEntries?: number;
  /** `preconditionDoctor.validators.ignoredQueryParameters`: more query parameters that sign rather than pick a resource. */
  ignoredQueryParameters?: readonly string[];
  now?: () => Date;
  log?: (message: string) => void;
  saveDelayMs?: number;
  timer?: SaveTimer;
}

/**
 * - `changed`: `urls` were added or updated, `removed` were forgotten or evicted
 *   (both normalized keys; either may be empty).
 * - `cleared`: everything was removed by `clear()`.
 * - `reloaded`: the records were replaced from persistence by `load()`.
 */
export type ValidatorStoreChange =
  | { readonly kind: 'changed'; readonly urls: readonly string[]; readonly removed: readonly string[] }
  | { readonly kind: 'cleared' }
  | { readonly kind: 'reloaded' };

/**
 * The product's memory of validators, one record per normalized URL. Created
 * once in `activate` and passed to whoever needs it; views refresh from
 * `onDidChange` only. Records are frozen snapshots, replaced on every change.
 */
export class ValidatorStore implements Disposable {
  /**
   * Insertion order is recency order: a touched record is re-inserted, so the first key is the one
   * to evict. A loaded record stays its saved text until first read (`recordAt`).
   */
  private readonly records = new Map<string, LoadedRecord>();
  private readonly changes = new Emitter<ValidatorStoreChange>();
  /**
   * Only for recordResponse and markUsed, the two calls every send makes with the URL it just
   * sent. Lookups parse every time, so what they cost never depends on what was sent before.
   */
  private urlKeys: UrlKeyMemo;
  private readonly arrivalTimes = new ArrivalTimeFormatter();
  /** Which query parameters keys leave out; replaced, with the two below, when the setting changes. */
  private signing: SigningParameters;
  private codec: ValidatorCodec;
  readonly onDidChange: Event<ValidatorStoreChange> = this.changes.event;

  private readonly persistence: ValidatorPersistence | undefined;
  /** Milliseconds since the epoch: `Date.now` unless a test injected a clock. */
  private readonly clock: () => number;
  private readonly log: (message: string) => void;
  private readonly saveDelayMs: number;
  private readonly timer: SaveTimer;
  private maxEntries: number;
  private scheduledSave: { handle: unknown } | undefined;
  private unsaved = false;
  private disposed = false;

  constructor(options: ValidatorStoreOptions = {}) {
    this.persistence = options.persistence;
    const { now } = options;
    this.clock = now === undefined ? Date.now : () => now().getTime();
    this.log = options.log ?? (() => undefined);
    this.saveDelayMs = options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS;
    this.timer = options.timer ?? {
      setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.maxEntries = this.validMaxEntries(options.maxEntries);
    this.signing = new SigningParameters(options.ignoredQueryParameters);
    this.urlKeys = new UrlKeyMemo(undefined, this.signing);
    this.codec = new ValidatorCodec(this.signing);
    this.load();
  }

  get size(): number {
    return this.records.size;
  }

  /**
   * Learns from one response (rules in applyResponse.ts). Returns the updated
   * record, or `undefined` when the response was not worth a record.
   */
  recordResponse(response: ObservedResponse, observedAt?: Date): StoredValidator | undefined {
    if (response.status < 100) return undefined;
    const url = this.urlKeys.keyOf(response.url);
    if (url === undefined) {
      this.log(`Validator store: not recording "${response.url}": not an absolute http(s) URL.`);
      return undefined;
    }
    const given = observedAt?.getTime();
    const arrival = given !== undefined && !Number.isNaN(given) ? given : this.clock();
    const next = applyResponse(url, this.recordAt(url), observeResponse(response, this.arrivalTimes.format(arrival)));
    if (next === undefined) return undefined;
    this.records.delete(url);
    this.records.set(url, next);
    this.changed([url], this.evictOverflow());
    return next;
  }

  /**
   * The resource `url` names, as records are keyed: normalized, signing parameters left out.
   * Compare two URLs with it to ask "same resource?" (a signed GET and a signed PUT are).
   */
  keyOf(url: string): string | undefined {
    return normalizeUrl(url, this.signing);
  }

  get(url: string): StoredValidator | undefined {
    const key = this.keyOf(url);
    return key === undefined ? undefined : this.recordAt(key);
  }

  /** Every record, least recently seen first. */
  all(): StoredValidator[] {
    const records: StoredValidator[] = [];
    const dropped = { malformed: 0 };
    // Over a copy of the keys: decoding drops a malformed record.
    for (const key of [...this.records.keys()]) {
      const record = this.recordAt(key, dropped);
      if (record !== undefined) records.push(record);
    }
    if (dropped.malformed > 0) this.log(`Validator store: ${describeSkipped(dropped.malformed)}.`);
    return records;
  }

  /** See freshestEtagOf: `undefined` when unknown or known to be stale. */
  freshestEtag(url: string): string | undefined {
    const record = this.get(url);
    return record && freshestEtagOf(record);
  }

  freshestLastModified(url: string): string | undefined {
    const record = this.get(url);
    return record && freshestLastModifiedOf(record);
  }

  /**
   * Remembers the tag a `.http` request sent for `url`, for the "changed" badge.
   * Only for a URL the store already knows (call it after `recordResponse`);
   * returns whether anything was recorded. Not a "sighting": the eviction order
   * is unchanged.
   */
  markUsed(url: string, etag: string): boolean {
    const key = this.urlKeys.keyOf(url);
    const record = key === undefined ? undefined : this.recordAt(key);
    if (key === undefined || record === undefined || record.usedEtag === etag) return false;
    this.records.set(key, withUsedEtag(record, etag));
    this.changed([key], NOTHING_REMOVED);
    return true;
  }

  /** Whether the resource moved on since the `.http` file last used its tag (see hasChangedSinceUsed). */
  changedSinceUsed(url: string): boolean {
    const record = this.get(url);
    return record !== undefined && hasChangedSinceUsed(record);
  }

  forget(url: string): boolean {
    const key = this.keyOf(url);
    if (key === undefined || !this.records.delete(key)) return false;
    this.changed([], [key]);
    return true;
  }

  clear(): void {
    if (this.records.size === 0) return;
    this.records.clear();
    this.fire({ kind: 'cleared' });
    this.scheduleSave();
  }

  /** For a change of `preconditionDoctor.validators.maxEntries`; evicts at once if the cap shrank. */
  setMaxEntries(maxEntries: number): void {
    this.maxEntries = this.validMaxEntries(maxEntries);
    const removed = this.evictOverflow();
    if (removed.length > 0) this.changed([], removed);
  }

  /**
   * For a change of `preconditionDoctor.validators.ignoredQueryParameters`: records whose URLs
   * now name one resource merge (mergeRecords). A name taken off the list can't split a merged
   * record again; that resource's next response under the longer URL starts its own.
   */
  setIgnoredQueryParameters(names: readonly string[]): void {
    this.signing = new SigningParameters(names);
    this.urlKeys = new UrlKeyMemo(undefined, this.signing);
    this.codec = new ValidatorCodec(this.signing);
    const { records, changed, removed } = rekeyRecords(this.records, (url) => this.keyOf(url), (text) => this.codec.decodeSaved(text));
    this.records.clear();
    for (const [key, record] of records) this.records.set(key, record);
    if (changed.length > 0 || removed.length > 0) this.changed(changed, removed);
  }

  /**
   * Replaces the records with the persisted ones. Runs once at construction;
   * never throws: unreadable data is dropped with a log line.
   */
  load(): void {
    this.cancelScheduledSave();
    this.unsaved = false;
    let data: unknown;
    try {
      data = this.persistence?.load();
    } catch (error) {
      this.log(`Validator store: could not read saved validators (${messageOf(error)}); starting empty.`);
    }
    let decoded: DecodedValidators;
    try {
      decoded = this.codec.decode(data);
    } catch (error) {
      decoded = { records: [], problems: [`saved validators could not be decoded (${messageOf(error)})`] };
    }
    for (const problem of decoded.problems) this.log(`Validator store: ${problem}.`);
    this.records.clear();
    for (const [key, record] of decoded.records) this.records.set(key, record);
    const evicted = this.evictOverflow();
    if (evicted.length > 0) this.log(`Validator store: dropped ${evicted.length} saved record(s) over the limit of ${this.maxEntries}.`);
    this.fire({ kind: 'reloaded' });
  }

  /** Writes now if anything is unsaved; resolves when the write finished (failures are logged). */
  async flush(): Promise<void> {
    this.cancelScheduledSave();
    if (!this.unsaved || this.persistence === undefined) return;
    this.unsaved = false;
    try {
      await this.persistence.save(this.codec.encode(this.records.values()));
    } catch (error) {
      this.unsaved = true;
      this.log(`Validator store: could not save validators (${messageOf(error)}); will retry on the next change.`);
    }
  }

  /** Flushes (the write starts before this returns) and drops every listener. */
  dispose(): void {
    if (this.disposed) return;
    void this.flush();
    this.disposed = true;
    this.changes.dispose();
  }

  /**
   * The record under `key`, decoding it if it is still its saved text. A text that turns out
   * malformed is dropped and logged (or counted in `dropped`, for one line per pass). Its key
   * is already the one decoding derives (the codec's savedKeyOf).
   */
  private recordAt(key: string, dropped?: { malformed: number }): StoredValidator | undefined {
    const slot = this.records.get(key);
    if (typeof slot !== 'string') return slot;
    const record = this.codec.decodeSaved(slot);
    if (record === undefined) {
      this.records.delete(key);
      if (dropped === undefined) this.log(`Validator store: ${describeSkipped(1)}.`);
      else dropped.malformed++;
      return undefined;
    }
    this.records.set(key, record);
    return record;
  }

  private changed(urls: readonly string[], removed: readonly string[]): void {
    this.fire({ kind: 'changed', urls, removed });
    this.scheduleSave();
  }

  private fire(change: ValidatorStoreChange): void {
    // A failing listener must not fail the send that recorded the response.
    try {
      this.changes.fire(change);
    } catch (error) {
      this.log(`Validator store: a change listener failed: ${messageOf(error)}`);
    }
  }

  private evictOverflow(): readonly string[] {
    if (this.records.size <= this.maxEntries) return NOTHING_REMOVED;
    const removed: string[] = [];
    for (const key of this.records.keys()) {
      if (this.records.size <= this.maxEntries) break;
      this.records.delete(key);
      removed.push(key);
    }
    return removed;
  }

  private scheduleSave(): void {
    if (this.persistence === undefined || this.disposed) return;
    this.unsaved = true;
    // Don't restart a pending timer: a steady stream of responses (Refresh All)
    // would postpone the write forever. One write per delay at most.
    if (this.scheduledSave !== undefined) return;
    this.scheduledSave = {
      handle: this.timer.setTimeout(() => {
        this.scheduledSave = undefined;
        void this.flush();
      }, this.saveDelayMs),
    };
  }

  private cancelScheduledSave(): void {
    if (this.scheduledSave === undefined) return;
    this.timer.clearTimeout(this.scheduledSave.handle);
    this.scheduledSave = undefined;
  }

  private validMaxEntries(requested: number | undefined): number {
    if (requested === undefined) return DEFAULT_MAX_VALIDATOR_ENTRIES;
    if (!Number.isFinite(requested)) {
      this.log(`Validator store: maxEntries ${requested} is not a number; using ${DEFAULT_MAX_VALIDATOR_ENTRIES}.`);
      return DEFAULT_MAX_VALIDATOR_ENTRIES;
    }
    // At least one: a store that keeps nothing would break {{$etag}} and every quick fix.
    return Math.max(1, Math.floor(requested));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
