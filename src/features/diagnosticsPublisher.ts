import * as vscode from 'vscode';
import { DISPLAY_NAME } from '../ids';
import type { Finding, FindingData } from '../core/lint/findings';
import { toRange } from './documents';

/** The data a quick fix reads back from a diagnostic it was offered for. */
export class PreconditionDiagnostic extends vscode.Diagnostic {
  constructor(
    readonly finding: Finding,
    readonly data: FindingData | undefined,
  ) {
    super(toRange(finding.span), finding.message, toSeverity(finding.severity));
    this.source = DISPLAY_NAME;
    this.code = finding.code;
  }
}

function toSeverity(severity: Finding['severity']): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

/**
 * One diagnostic collection fed by two producers, lints and response findings, so
 * that publishing one never wipes the other.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('preconditionDoctor');
  private readonly lints = new Map<string, Finding[]>();
  private readonly responses = new Map<string, Finding[]>();

  setLints(uri: vscode.Uri, findings: Finding[]): void {
    const key = uri.toString();
    // Lints re-run after every send and store change; republishing identical markers
    // would only race with a lightbulb request that is reading them.
    if (JSON.stringify(this.lints.get(key)) === JSON.stringify(findings)) return;
    this.lints.set(key, findings);
    this.publish(uri);
  }

  setResponseFindings(uri: vscode.Uri, findings: Finding[]): void {
    this.responses.set(uri.toString(), findings);
    this.publish(uri);
  }

  responseFindings(uri: vscode.Uri): Finding[] {
    return this.responses.get(uri.toString()) ?? [];
  }

  /**
   * The finding behind a diagnostic a code action was asked about. The editor may hand
   * back copies of our diagnostics, so match by code and range rather than identity.
   */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Finding | undefined {
    if (diagnostic instanceof PreconditionDiagnostic) return diagnostic.finding;
    const key = uri.toString();
    return [...(this.responses.get(key) ?? []), ...(this.lints.get(key) ?? [])].find(
      (finding) => finding.code === diagnostic.code && toRange(finding.span).isEqual(diagnostic.range),
    );
  }

  /** Our findings whose text intersects `range`, as diagnostics, for a code action request that arrived without them. */
  diagnosticsAt(uri: vscode.Uri, range: vscode.Range): PreconditionDiagnostic[] {
    const key = uri.toString();
    return [...(this.responses.get(key) ?? []), ...(this.lints.get(key) ?? [])]
      .filter((finding) => toRange(finding.span).intersection(range) !== undefined)
      .map((finding) => new PreconditionDiagnostic(finding, finding.data));
  }

  forget(uri: vscode.Uri): void {
    this.lints.delete(uri.toString());
    this.responses.delete(uri.toString());
    this.collection.delete(uri);
  }

  private publish(uri: vscode.Uri): void {
    const key = uri.toString();
    const findings = [...(this.responses.get(key) ?? []), ...(this.lints.get(key) ?? [])];
    this.collection.set(uri, findings.map((finding) => new PreconditionDiagnostic(finding, finding.data)));
  }

  dispose(): void {
    this.collection.dispose();
  }
}
