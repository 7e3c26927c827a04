import { Emitter } from '../events';
import type { SendResult } from '../http/types';
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
  private readonly latest: RecordedExchange[] = [];
  private readonly changed = new Emitter<RecordedExchange>();
  readonly onDidRecord = this.changed.event;

  constructor(private readonly limit = 200) {}

  record(exchange: RecordedExchange): void {
    if (exchange.requestName) this.byName.set(nameKey(exchange.documentKey, exchange.requestName), exchange);
    this.latest.unshift(exchange);
    if (this.latest.length > this.limit) this.latest.pop();
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
    return this.latest.find((e) => e.documentKey === documentKey && e.requestLine === requestLine && e.result.url)?.result.url;
  }

  /** Newest first. */
  recent(documentKey?: string): RecordedExchange[] {
    return documentKey === undefined ? [...this.latest] : this.latest.filter((e) => e.documentKey === documentKey);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function nameKey(documentKey: string, name: string): string {
  return `${documentKey}\u0000${name}`;
}
