import * as vscode from 'vscode';
import { DiagnosticCodes, LANGUAGE_ID } from '../ids';
import type { Finding } from '../core/lint/findings';
import type { Event } from '../core/events';
import { lintHttpFile } from '../core/lint/lintHttpFile';
import type { RequestExecutor } from '../core/send/requestExecutor';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { HttpDocuments } from './documents';
import type { EnvironmentSelection } from './environmentSelection';
import { readExecutorSettings } from './settings';

const DEBOUNCE_MS = 250;

/**
 * Lints open .http documents as they are typed (debounced), and again when anything a
 * lint depends on changes: the environment, the recorded validators, a named response.
 */
export class RequestLints implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly documents: HttpDocuments,
    private readonly executor: RequestExecutor,
    private readonly environments: EnvironmentSelection,
    private readonly publisher: DiagnosticsPublisher,
    dependencyChanges: Array<Event<unknown>>,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.cancel(document)),
      environments.onDidChange(() => this.lintAllOpen()),
    );
    for (const change of dependencyChanges) this.subscriptions.push(change(() => this.lintAllOpen()));
    this.lintAllOpen();
  }

  private lintAllOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isLintable(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lint(document);
      }, DEBOUNCE_MS),
    );
  }

  /** Lints now; also used by tests through the debounce-free path of opening a document. */
  async lint(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const version = document.version;
    const source = this.documents.source(document);
    const context = await this.executor.referenceContext(source, this.environments.current, readExecutorSettings(document.uri));
    const findings = await this.withEnvironmentSuggestions(lintHttpFile(source.parsed, context), document.uri);
    if (document.isClosed || document.version !== version) return; // a newer lint is on its way
    this.publisher.setLints(document.uri, findings);
  }

  /** An undefined `{{name}}` that another environment defines gets a "Select environment" quick fix. */
  private async withEnvironmentSuggestions(findings: Finding[], uri: vscode.Uri): Promise<Finding[]> {
    const definedIn = new Map<string, Promise<string[]>>();
    return Promise.all(
      findings.map(async (finding) => {
        const variable = finding.code === DiagnosticCodes.unresolvedVariable ? finding.data?.variable : undefined;
        if (!variable) return finding;
        if (!definedIn.has(variable)) definedIn.set(variable, this.environments.environmentsDefining(variable, uri));
        return { ...finding, data: { ...finding.data, definedIn: await definedIn.get(variable) } };
      }),
    );
  }

  private cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.publisher.forget(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function isLintable(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}
