import { Emitter } from '../events';
import type { SendResult } from '../http/types';
import { normalizeUrl } from '../validators/normalizeUrl';
import type { NamedExchange } from '../variables/resolveReference';

export interface RecordedExchange {
  /** The document the request came from (a URI string or a path). */
  documentKey: string;
  requestName?: string;
  /** 0-based line of the request line when it was sent. */
  requestLine: number;
  result: SendResult;
  at: Date;
}

/**
 * The responses of this session: what `{{name.response…}}` reads, and what later
 * features (the 412 explanation, Refresh & Retry) look back at. Named requests are
 * scoped to their document, as in REST Client.
 */
export class ExchangeHistory {
  private readonly byName = new Map<string, RecordedExchange>();
  /**
   * Oldest first, up to twice `limit` long: dropping the oldest half at once keeps recording O(1)
   * (unshift moved all 200 entries on every send of a Send All). Only the last `limit` count.
   */
  private readonly exchanges: RecordedExchange[] = [];
  private readonly changed = new Emitter<RecordedExchange>();
  readonly onDidRecord = this.changed.event;

  constructor(private readonly limit = 200) {}

  record(exchange: RecordedExchange): void {
    if (exchange.requestName) this.byName.set(nameKey(exchange.documentKey, exchange.requestName), exchange);
    this.exchanges.push(exchange);
    if (this.exchanges.length >= 2 * this.limit) this.exchanges.splice(0, this.exchanges.length - this.limit);
    this.changed.fire(exchange);
  }

  namedExchange(documentKey: string, name: string): NamedExchange | undefined {
    const exchange = this.byName.get(nameKey(documentKey, name));
    if (!exchange || exchange.result.status === 0) return undefined;
    return {
      requestHeaders: exchange.result.requestHeaders,
      requestBody: exchange.result.requestBody,
      response: exchange.result,
    };
  }

  lastSentUrl(documentKey: string, requestLine: number): string | undefined {
    return this.newestFirst().find((e) => e.documentKey === documentKey && e.requestLine === requestLine && e.result.url)?.result.url;
  }

  /**
   * The newest exchange that reached `url` (any spelling of it; `keyOf` says which spellings
   * name one resource, the validator store's rule), from any document: where a
   * probe that only knows a URL (the Validators view) takes its credentials from. In memory
   * only, like everything here: credentials are never persisted.
   */
  latestWithUrl(url: string, keyOf: (url: string) => string | undefined = normalizeUrl): RecordedExchange | undefined {
    const key = keyOf(url);
    if (key === undefined) return undefined;
    return this.newestFirst().find((e) => e.result.status !== 0 && keyOf(e.result.url) === key);
  }

  /** Newest first. */
  recent(documentKey?: string): RecordedExchange[] {
    const newest = this.newestFirst();
    return documentKey === undefined ? newest : newest.filter((e) => e.documentKey === documentKey);
  }

  private newestFirst(): RecordedExchange[] {
    return this.exchanges.slice(-this.limit).reverse();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function nameKey(documentKey: string, name: string): string {
  return `${documentKey}\u0000${name}`;
}
