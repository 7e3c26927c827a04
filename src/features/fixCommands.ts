import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { ParsedRequest } from '../core/parser/types';
import { findHeader, resolveHeaderValue } from '../core/lint/headerValues';
import { editValueAtSource, insertHeader, replaceSpan, type TextEdit } from '../core/edits/textEdits';
import type { SendResult } from '../core/http/types';
import { replacesAnotherClientsChange } from '../core/send/writeGuard';
import type { ProbeTarget } from '../core/send/probeHeaders';
import type { ServerProbes } from '../core/send/serverProbes';
import type { ValidatorStore } from '../core/validators/validatorStore';
import { fileOnlyScope } from '../core/variables/resolveRequest';
import { openTarget, type HttpDocuments } from './documents';
import type { EnvironmentSelection } from './environmentSelection';
import { withDelayedProgress } from './delayedProgress';
import { refuse } from './errors';
import { toVscodeRange } from './quickFixes';
import type { ResponseDiagnostics } from './responseDiagnostics';
import { readExecutorSettings } from './settings';

interface Dependencies {
  documents: HttpDocuments;
  environments: EnvironmentSelection;
  validators: ValidatorStore;
  probes: ServerProbes;
  responses: ResponseDiagnostics;
  log: vscode.LogOutputChannel;
}

/** What a fix changed, for the warning that a resend replaces another client's change. */
export interface AppliedChange {
  method: string;
  url: string;
  sent?: string;
  fresh?: string;
}

const ETAG_VARIABLE = '{{$etag}}';
const COMPARE = 'Compare with Server';
const FILE_CHANGED = 'The file changed while the fix was running, so nothing was edited. Run the quick fix again.';

/**
 * Quick fixes that ask the server first. Each remembers the document version it started
 * from and refuses to edit a document that changed meanwhile: the edit was computed for
 * text that is no longer there.
 */
export class FixCommands implements vscode.Disposable {
  private readonly registrations: vscode.Disposable[];

  constructor(private readonly deps: Dependencies) {
    this.registrations = [
      vscode.commands.registerCommand(Commands.fetchEtagAndUpdateIfMatch, (uri?: unknown, line?: unknown, version?: unknown) =>
        this.fetchAndEdit(uri, line, version, 'update'),
      ),
      vscode.commands.registerCommand(Commands.fetchEtagAndAddIfMatch, (uri?: unknown, line?: unknown, version?: unknown) =>
        this.fetchAndEdit(uri, line, version, 'add'),
      ),
      vscode.commands.registerCommand(Commands.useFreshestEtag, (uri?: unknown, line?: unknown) => this.useFreshest(uri, line)),
      vscode.commands.registerCommand(Commands.resendForFix, (uri: vscode.Uri, namedLine: number, failedLine: number) => this.resendForFix(uri, namedLine, failedLine)),
      vscode.commands.registerCommand(Commands.fixApplied, (uri: vscode.Uri, line: number, change?: AppliedChange) => this.fixApplied(uri, line, change)),
    ];
  }

  /** Returns the tag written, or undefined when nothing was edited. */
  private async fetchAndEdit(uriArgument: unknown, lineArgument: unknown, versionArgument: unknown, mode: 'update' | 'add'): Promise<string | undefined> {
    const target = await openTarget(uriArgument, lineArgument);
    const request = target && this.deps.documents.requestAt(target.document, target.line);
    if (!target || !request) return refuse('Put the cursor in a request to fetch its ETag.');
    const { document } = target;
    const startVersion = typeof versionArgument === 'number' ? versionArgument : document.version;
    if (document.version !== startVersion) return refuse(FILE_CHANGED);
    const probeTarget = await this.probeTargetOf(document, request);
    if (!probeTarget) return undefined;
    const { url } = probeTarget;

    const probe = await withDelayedProgress(`Fetching the current ETag of ${url}`, new AbortController(), (signal) =>
      this.deps.probes.fetchValidators(probeTarget, { ...readExecutorSettings(document.uri), signal }),
    );
    if (probe.status === 0) return refuse(probe.error === 'cancelled' ? 'Fetching the ETag was cancelled; nothing was edited.' : `Couldn't fetch the ETag: ${probe.error}`);
    const etag = probe.responseHeaders['etag'];
    if (!etag) return refuse(`${probe.method} ${url} answered ${probe.status} without an ETag, so there is no tag to write. Try Update If-Unmodified-Since, or ask the API provider for ETags.`);
    if (document.isClosed || document.version !== startVersion) return refuse(FILE_CHANGED);
    const edit = mode === 'update' ? this.ifMatchEdit(document, request, etag) : this.addIfMatchEdit(document, request, etag);
    if (!edit) return undefined;
    const line = request.requestLine.span.line;
    // Read before the edit: editing the If-Match line drops the 412 it describes.
    const failed = this.deps.responses.failureAt(document.uri, line)?.result;
    if (edit !== 'unchanged' && !(await apply(document, edit))) return undefined;
    this.fixApplied(document.uri, line, failed && { method: failed.method, url: failed.url, sent: failed.requestHeaders['if-match'], fresh: etag });
    return etag;
  }

  /** "Re-send request 'get'": sends the named request, and once it brought a tag, the 412 it fixes is no longer standing. */
  private async resendForFix(uri: vscode.Uri, namedLine: number, failedLine: number): Promise<SendResult | undefined> {
    const failed = this.deps.responses.failureAt(uri, failedLine)?.result;
    const result = await vscode.commands.executeCommand<SendResult | undefined>(Commands.sendRequest, uri, namedLine);
    const fresh = result?.responseHeaders['etag'];
    if (result && result.status >= 200 && result.status < 300 && fresh) {
      this.fixApplied(uri, failedLine, failed && { method: failed.method, url: failed.url, sent: failed.requestHeaders['if-match'], fresh });
    }
    return result;
  }

  /**
   * After a fix changed what If-Match will send: the old 412 goes, and if the new tag is a
   * version another client saved, a (non-modal) warning says the resend replaces their change.
   */
  private fixApplied(uri: vscode.Uri, line: number, change: AppliedChange | undefined): void {
    this.deps.responses.markFixed(uri, line);
    if (!change || !replacesAnotherClientsChange(change.sent, change.fresh, this.deps.validators.get(change.url))) return;
    const message = `If-Match now holds ${change.fresh}, the version another client saved after you read ${change.sent}: re-sending ${change.method} replaces their change. Compare first to merge it.`;
    void vscode.window.showWarningMessage(message, COMPARE).then((choice) => {
      if (choice === COMPARE) void vscode.commands.executeCommand(Commands.compareWithServer, uri, line);
    });
  }

  /** The CodeLens "server has a newer ETag": writes the freshest recorded tag, no request needed. */
  private async useFreshest(uriArgument: unknown, lineArgument: unknown): Promise<string | undefined> {
    const target = await openTarget(uriArgument, lineArgument);
    const request = target && this.deps.documents.requestAt(target.document, target.line);
    if (!target || !request) return undefined;
    const url = (await this.probeTargetOf(target.document, request))?.url;
    const etag = url && this.deps.validators.freshestEtag(url);
    if (!etag) return refuse('No ETag is recorded for this request yet.');
    const edit = this.ifMatchEdit(target.document, request, etag);
    return edit === 'unchanged' || (await apply(target.document, edit)) ? etag : undefined;
  }

  /**
   * The edit that makes If-Match send `etag`. A value that is not text in this file (a
   * `{{name.response…}}`, an environment variable) becomes `{{$etag}}`, which resolves to the
   * tag just recorded: still a reference, and re-sending the named request would bring back the
   * same coding-dependent tag. `{{$etag}}` itself needs no edit.
   */
  private ifMatchEdit(document: vscode.TextDocument, request: ParsedRequest, etag: string): TextEdit | 'unchanged' {
    const header = findHeader(request.headers, 'If-Match');
    if (!header) return this.addIfMatchEdit(document, request, etag);
    const parsed = this.deps.documents.parse(document);
    const source = resolveHeaderValue(parsed, header, fileOnlyScope(parsed)).source;
    if (source.kind === 'validator-variable') return 'unchanged';
    return editValueAtSource(header.value.span, source, etag) ?? replaceSpan(header.value.span, ETAG_VARIABLE);
  }

  private addIfMatchEdit(document: vscode.TextDocument, request: ParsedRequest, etag: string): TextEdit {
    const last = document.lineCount - 1;
    return insertHeader(request, 'If-Match', etag, document.lineCount, document.lineAt(last).text.length);
  }

  /** The URL and credentials of the request's last 412/428 if there was one, else of the request resolved now. */
  private async probeTargetOf(document: vscode.TextDocument, request: ParsedRequest): Promise<ProbeTarget | undefined> {
    const failure = this.deps.responses.failureAt(document.uri, request.requestLine.span.line);
    const source = this.deps.documents.source(document);
    const target = await this.deps.probes.targetOfRequest(source, request, this.deps.environments.current, readExecutorSettings(document.uri), failure?.result);
    return 'error' in target ? refuse(target.error) : target;
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
  }
}

async function apply(document: vscode.TextDocument, edit: TextEdit): Promise<boolean> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, toVscodeRange(edit), edit.newText);
  return vscode.workspace.applyEdit(workspaceEdit);
}
