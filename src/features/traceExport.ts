import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { TracedExchange } from '../core/diagnosis/trace';
import type { OnFirstUse } from '../core/lazy/onFirstUse';
import type * as DiagnosisCode from '../lazy/diagnosis';
import type { EnvironmentSelection } from './environmentSelection';
import { refuse } from './errors';
import type { FailureLocator } from './failures';
import type { RedactionFor } from './settings';

/**
 * Export trace: every exchange of a request and the probes made for it, as markdown
 * with a HAR 1.2 beside it, secrets redacted, ready to send to the API provider.
 * Written under `.precondition-doctor/traces/` in the workspace (or the extension's
 * storage when there is no workspace), then opened.
 */
export class TraceExport implements vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly failures: FailureLocator,
    private readonly environments: EnvironmentSelection,
    private readonly storage: vscode.Uri,
    private readonly extensionVersion: string,
    /** The trace and HAR code, loaded on the first export. */
    private readonly diagnosisCode: OnFirstUse<typeof DiagnosisCode>,
    /** The document's settings plus the session's secret values: both files are written through it. */
    private readonly redaction: RedactionFor,
  ) {
    this.registration = vscode.commands.registerCommand(Commands.exportTrace, (uri?: unknown, line?: unknown) => this.export(uri, line));
  }

  async export(uriArgument?: unknown, lineArgument?: unknown): Promise<vscode.Uri | undefined> {
    const target = await this.failures.locate(uriArgument, lineArgument);
    if (!target) return refuse('Put the cursor in a request to export its trace.');
    const lastOfRequest = target.failure ?? this.failures.lastExchange(target.document, target.request);
    if (!lastOfRequest) return refuse('This request has not been sent in this session: send it, then export its trace.');
    const url = lastOfRequest.result.url;
    const insight = this.failures.insightFor(url);
    const exchanges: TracedExchange[] = [
      ...this.failures.exchangesFor(url).map((e) => ({ result: e.result, at: e.at, label: e.requestName ?? `line ${e.requestLine + 1}` })),
      ...insight.probes.map((p) => ({ result: p.result, at: p.at, label: p.label })),
    ].sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));

    const now = new Date();
    const redaction = this.redaction(target.document.uri);
    const { renderRedactedTrace, buildRedactedHar } = this.diagnosisCode.get();
    const markdown = renderRedactedTrace({ exchanges, diagnosis: insight.diagnosis, environmentName: this.environments.current, extensionVersion: this.extensionVersion, now, redaction });
    const har = buildRedactedHar({ exchanges, extensionVersion: this.extensionVersion, now, redaction });

    const folder = this.traceFolder(target.document.uri);
    // The file name is shown in the status bar and travels with the trace: a request name can't carry a secret there.
    const base = `${redaction.text(target.request.name ?? lastOfRequest.result.method).replace(/[^\w.-]+/g, '-')}-${now.toISOString().replace(/[:.]/g, '-')}`;
    const markdownUri = vscode.Uri.joinPath(folder, `${base}.md`);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(markdownUri, Buffer.from(markdown, 'utf8'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${base}.har`), Buffer.from(JSON.stringify(har, null, 2), 'utf8'));
    await vscode.window.showTextDocument(markdownUri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    void vscode.window.setStatusBarMessage(`$(export) Trace written to ${vscode.workspace.asRelativePath(markdownUri)} (secrets redacted)`, 5000);
    return markdownUri;
  }

  private traceFolder(document: vscode.Uri): vscode.Uri {
    const workspace = vscode.workspace.getWorkspaceFolder(document);
    return workspace ? vscode.Uri.joinPath(workspace.uri, '.precondition-doctor', 'traces') : vscode.Uri.joinPath(this.storage, 'traces');
  }

  dispose(): void {
    this.registration.dispose();
  }
}
