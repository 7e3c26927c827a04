import * as vscode from 'vscode';
import type { Finding } from '../core/lint/findings';
import { findingsForResponse } from '../core/lint/responseFindings';
import { findRequestAtLine } from '../core/parser/findRequest';
import type { ExchangeHistory, RecordedExchange } from '../core/send/exchangeHistory';
import type { ValidatorStore } from '../core/validators/validatorStore';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { HttpDocuments } from './documents';

/** The findings of one request's last response, and the block they belong to. */
interface ResponseEntry {
  startLine: number;
  endLine: number;
  requestLine: number;
  findings: Finding[];
  result: RecordedExchange['result'];
}

/**
 * Puts a 412/428 on the text to change. The entries move with lines inserted or removed
 * above their request, and are dropped when their request is edited or answered with
 * anything but 412/428.
 */
export class ResponseDiagnostics implements vscode.Disposable {
  private readonly entries = new Map<string, ResponseEntry[]>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly documents: HttpDocuments,
    private readonly validators: ValidatorStore,
    history: ExchangeHistory,
    private readonly publisher: DiagnosticsPublisher,
  ) {
    this.subscriptions.push(
      history.onDidRecord((exchange) => this.onExchange(exchange)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.entries.delete(document.uri.toString())),
    );
  }

  /** The last 412/428 of the request at `line`, if it still stands. */
  failureAt(uri: vscode.Uri, line: number): ResponseEntry | undefined {
    return this.entries.get(uri.toString())?.find((entry) => entry.startLine <= line && line <= entry.endLine);
  }

  /**
   * A fix for the request at `line` was applied (a re-send of the request its If-Match
   * names, an edit of a variable above it): its 412 no longer describes the text, and a
   * diagnostic left standing would read as "not fixed".
   */
  markFixed(uri: vscode.Uri, line: number): void {
    const key = uri.toString();
    const entries = this.entries.get(key);
    if (!entries) return;
    const remaining = entries.filter((entry) => !(entry.startLine <= line && line <= entry.endLine));
    if (remaining.length === entries.length) return;
    this.entries.set(key, remaining);
    this.publish(uri);
  }

  private onExchange(exchange: RecordedExchange): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === exchange.documentKey);
    if (!document) return;
    const parsed = this.documents.parse(document);
    const request = findRequestAtLine(parsed, exchange.requestLine);
    if (!request) return;
    const others = (this.entries.get(exchange.documentKey) ?? []).filter((entry) => entry.startLine !== request.startLine);
    const findings = findingsForResponse(parsed, request, exchange.result, this.validators, exchange.at);
    if (findings.length > 0) {
      others.push({ startLine: request.startLine, endLine: request.endLine, requestLine: request.requestLine.span.line, findings, result: exchange.result });
    }
    this.entries.set(exchange.documentKey, others);
    this.publish(document.uri);
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    let entries = this.entries.get(key);
    if (!entries || entries.length === 0 || event.contentChanges.length === 0) return;
    for (const change of event.contentChanges) entries = entries.flatMap((entry) => adjust(entry, change));
    this.entries.set(key, entries);
    this.publish(event.document.uri);
  }

  private publish(uri: vscode.Uri): void {
    this.publisher.setResponseFindings(uri, (this.entries.get(uri.toString()) ?? []).flatMap((entry) => entry.findings));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Shifts an entry below an edit, drops one the edit touches. */
function adjust(entry: ResponseEntry, change: vscode.TextDocumentContentChangeEvent): ResponseEntry[] {
  const { start, end } = change.range;
  if (start.line > entry.endLine) return [entry];
  const insertedLines = change.text.split(/\r\n|\r|\n/).length - 1;
  const delta = insertedLines - (end.line - start.line);
  // An edit that ends on the line above the block (or at its very start) moves it; any other edit changes the request.
  const endsAtBlockStart = end.line === entry.startLine && end.character === 0;
  const leavesFirstLineAlone = change.text.endsWith('\n') || (change.text === '' && start.character === 0);
  const aboveBlock = end.line < entry.startLine || (endsAtBlockStart && leavesFirstLineAlone);
  if (!aboveBlock) return [];
  if (delta === 0) return [entry];
  const shift = (line: number) => line + delta;
  return [{
    ...entry,
    startLine: shift(entry.startLine),
    endLine: shift(entry.endLine),
    requestLine: shift(entry.requestLine),
    findings: entry.findings.map((finding) => ({
      ...finding,
      requestLine: shift(finding.requestLine),
      span: { ...finding.span, line: shift(finding.span.line) },
    })),
  }];
}
