import type * as vscode from 'vscode';
import { BoundedMap } from '../core/boundedMap';
import type { Diagnosis } from '../core/diagnosis/types';
import type { SendResult } from '../core/http/types';
import type { ParsedRequest } from '../core/parser/types';
import type { ExchangeHistory, RecordedExchange } from '../core/send/exchangeHistory';
import { openTarget, type HttpDocuments } from './documents';
import type { ResponseDiagnostics } from './responseDiagnostics';

export interface FailureTarget {
  document: vscode.TextDocument;
  request: ParsedRequest;
  /** The request's last 412/428 this session, if any. */
  failure?: RecordedExchange;
}

/** What the 412 tools learned about a URL: their probes and the last diagnosis, for the trace. */
interface UrlInsight {
  probes: Array<{ result: SendResult; at: Date; label: string }>;
  diagnosis?: Diagnosis;
}

const PROBES_KEPT = 20;
/** URLs whose probes and diagnosis the trace can still include: the ones worked on lately, not every URL of the session. */
const URLS_KEPT = 100;

/**
 * Finds "the last 412 of this request" for the commands that explain, retry, compare
 * and export it, and keeps what they learn per URL.
 */
export class FailureLocator {
  private readonly insights = new BoundedMap<string, UrlInsight>(URLS_KEPT);

  constructor(
    private readonly documents: HttpDocuments,
    private readonly history: ExchangeHistory,
    private readonly responses: ResponseDiagnostics,
  ) {}

  async locate(uriArgument: unknown, lineArgument: unknown): Promise<FailureTarget | undefined> {
    const target = await openTarget(uriArgument, lineArgument);
    const request = target && this.documents.requestAt(target.document, target.line);
    if (!target || !request) return undefined;
    return { document: target.document, request, failure: this.lastFailure(target.document, request) };
  }

  private lastFailure(document: vscode.TextDocument, request: ParsedRequest): RecordedExchange | undefined {
    const key = document.uri.toString();
    const standing = this.responses.failureAt(document.uri, request.requestLine.span.line);
    const recent = this.history.recent(key);
    if (standing) return recent.find((exchange) => exchange.result === standing.result);
    const line = request.requestLine.span.line;
    return recent.find((exchange) => exchange.requestLine === line && (exchange.result.status === 412 || exchange.result.status === 428));
  }

  /** The request's latest exchange, whatever its status. */
  lastExchange(document: vscode.TextDocument, request: ParsedRequest): RecordedExchange | undefined {
    const line = request.requestLine.span.line;
    return this.history.recent(document.uri.toString()).find((exchange) => exchange.requestLine === line);
  }

  /** Every exchange with this URL this session, from any .http file, newest first. */
  exchangesFor(url: string): RecordedExchange[] {
    return this.history.recent().filter((exchange) => exchange.result.url === url);
  }

  recordProbe(url: string, result: SendResult, label: string): void {
    const insight = this.insight(url);
    insight.probes.unshift({ result, at: new Date(), label });
    insight.probes.length = Math.min(insight.probes.length, PROBES_KEPT);
  }

  recordDiagnosis(url: string, diagnosis: Diagnosis): void {
    this.insight(url).diagnosis = diagnosis;
  }

  insightFor(url: string): Readonly<UrlInsight> {
    return this.insights.get(url) ?? { probes: [] };
  }

  /** The URL's insight, made the most recent one so it is the last to be dropped. */
  private insight(url: string): UrlInsight {
    const insight = this.insights.get(url) ?? { probes: [] };
    this.insights.set(url, insight);
    return insight;
  }
}
