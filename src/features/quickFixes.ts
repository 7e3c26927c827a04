import * as vscode from 'vscode';
import { Commands, DiagnosticCodes, DISPLAY_NAME, FixTitles, LANGUAGE_ID } from '../ids';
import type { Finding } from '../core/lint/findings';
import { findHeader } from '../core/lint/headerValues';
import { deleteLine, editValueAtSource, insertHeader, replaceSpan, type TextEdit } from '../core/edits/textEdits';
import { isEncodingDependentTag, planIfMatchFixes } from '../core/edits/ifMatchFixPlan';
import { strongEtagFor } from '../core/edits/strongEtag';
import type { ValidatorStore } from '../core/validators/validatorStore';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { HttpDocuments } from './documents';

const RESPONSE_CODES = new Set<string>([
  DiagnosticCodes.staleIfMatch,
  DiagnosticCodes.staleIfUnmodifiedSince,
  DiagnosticCodes.preconditionFailed,
  DiagnosticCodes.preconditionRequired,
]);

/**
 * Quick fixes keyed on our diagnostic codes. Fixes that need only text are computed
 * here as edits; fixes that need the server first run a command that checks the
 * document version before it edits.
 */
export class QuickFixes implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly documents: HttpDocuments,
    private readonly validators: ValidatorStore,
    private readonly publisher: DiagnosticsPublisher,
  ) {
    this.registration = vscode.languages.registerCodeActionsProvider(
      [{ language: LANGUAGE_ID, scheme: 'file' }, { language: LANGUAGE_ID, scheme: 'untitled' }],
      this,
      { providedCodeActionKinds: QuickFixes.providedCodeActionKinds },
    );
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    let diagnostics = context.diagnostics.filter((diagnostic) => diagnostic.source === DISPLAY_NAME);
    // The editor matches the markers it shows to the extension's diagnostics; right after a
    // republish that match can come back empty, so look our own findings up by range too.
    if (diagnostics.length === 0) diagnostics = this.publisher.diagnosticsAt(document.uri, range);
    for (const diagnostic of diagnostics) {
      const finding = this.publisher.findingFor(document.uri, diagnostic);
      if (finding) actions.push(...this.fixesFor(document, finding, diagnostic));
    }
    return withoutDuplicates(actions);
  }

  private fixesFor(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const fix = new FixBuilder(document, diagnostic);
    const data = finding.data ?? {};
    const request = this.documents.requestAt(document, finding.requestLine);
    const line = finding.requestLine;
    switch (finding.code) {
      case DiagnosticCodes.staleIfMatch: {
        const source = data.valueSource;
        const replace = data.freshEtag ? editValueAtSource(finding.span, source, data.freshEtag) : undefined;
        const named = source?.kind === 'response-reference' ? this.documents.parse(document).requests.find((r) => r.name === source.requestName) : undefined;
        const plan = planIfMatchFixes({
          source,
          replaceWith: replace && data.freshEtag,
          namedRequestExists: named !== undefined,
          encodingDependent: isEncodingDependentTag(data.sentEtag, data.url ? this.validators.get(data.url) : undefined),
        });
        for (const { fix: kind, preferred } of plan) {
          if (kind === 'replace' && data.freshEtag) {
            const applied = { method: request?.requestLine.method.text ?? '', url: data.url ?? '', sent: data.sentEtag, fresh: data.freshEtag };
            fix.edit(FixTitles.replaceIfMatch(data.freshEtag), replace, preferred, { command: Commands.fixApplied, title: '', arguments: [document.uri, line, applied] });
          }
          else if (kind === 'resend-named' && named && source?.kind === 'response-reference') {
            fix.command(FixTitles.resendNamedRequest(source.requestName), Commands.resendForFix, [document.uri, named.requestLine.span.line, line], preferred);
          } else if (kind === 'fetch') fix.command(FixTitles.fetchAndUpdateIfMatch, Commands.fetchEtagAndUpdateIfMatch, [document.uri, line, document.version], preferred);
        }
        const ifMatch = request && findHeader(request.headers, 'If-Match');
        if (ifMatch) fix.edit(FixTitles.removeIfMatch, deleteLine(ifMatch.line, document.lineCount, (n) => document.lineAt(n).text.length));
        break;
      }
      case DiagnosticCodes.weakEtagInIfMatch: {
        const strong = data.url && data.sentEtag ? strongEtagFor(this.validators.get(data.url), data.sentEtag) : undefined;
        if (strong) fix.edit(FixTitles.useStrongEtag(strong), editValueAtSource(finding.span, data.valueSource, strong), true);
        fix.command(FixTitles.fetchAndUpdateIfMatch, Commands.fetchEtagAndUpdateIfMatch, [document.uri, line, document.version]);
        break;
      }
      case DiagnosticCodes.unquotedEtag:
        if (data.replacement && data.valueSource?.kind === 'literal') fix.edit(FixTitles.quoteEntityTag, replaceSpan(finding.span, data.replacement), true);
        break;
      case DiagnosticCodes.invalidHttpDate:
        if (data.replacement) fix.edit(FixTitles.rewriteAsHttpDate, editValueAtSource(finding.span, data.valueSource, data.replacement), true);
        break;
      case DiagnosticCodes.staleIfUnmodifiedSince:
        if (data.freshLastModified) fix.edit(FixTitles.updateIfUnmodifiedSince(data.freshLastModified), replaceSpan(finding.span, data.freshLastModified), true);
        break;
      case DiagnosticCodes.unresolvedVariable:
        for (const name of data.definedIn ?? []) fix.command(FixTitles.selectEnvironment(name), Commands.selectEnvironment, [name], data.definedIn?.length === 1);
        break;
      case DiagnosticCodes.preconditionRequired:
        if (request && data.freshEtag) {
          const last = document.lineCount - 1;
          fix.edit(FixTitles.addIfMatch(data.freshEtag), insertHeader(request, 'If-Match', data.freshEtag, document.lineCount, document.lineAt(last).text.length), true);
        } else {
          fix.command(FixTitles.fetchAndAddIfMatch, Commands.fetchEtagAndAddIfMatch, [document.uri, line, document.version], true);
        }
        break;
    }
    if (RESPONSE_CODES.has(finding.code)) {
      const title = finding.code === DiagnosticCodes.preconditionRequired ? FixTitles.explain428 : FixTitles.explain;
      fix.command(title, Commands.explainFailure, [document.uri, line]);
    }
    return fix.actions;
  }

  dispose(): void {
    this.registration.dispose();
  }
}

class FixBuilder {
  readonly actions: vscode.CodeAction[] = [];

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly diagnostic: vscode.Diagnostic,
  ) {}

  /** `then`: a command the editor runs after applying the edit. */
  edit(title: string, edit: TextEdit | undefined, preferred = false, then?: vscode.Command): void {
    if (!edit) return;
    const action = this.action(title, preferred);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(this.document.uri, toVscodeRange(edit), edit.newText);
    if (then) action.command = then;
    this.actions.push(action);
  }

  command(title: string, command: string, args: unknown[], preferred = false): void {
    const action = this.action(title, preferred);
    action.command = { title, command, arguments: args };
    this.actions.push(action);
  }

  private action(title: string, preferred: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [this.diagnostic];
    action.isPreferred = preferred;
    return action;
  }
}

/**
 * Two diagnostics on one tag (a 412 and the weak-tag lint) can offer the same fix, under one
 * title or as the same edit under two ("Replace If-Match with freshest ETag "x"" and "Use
 * strong ETag "x""): the menu shows it once, preferred if either offer was, fixing both.
 */
function withoutDuplicates(actions: vscode.CodeAction[]): vscode.CodeAction[] {
  const kept = new Map<string, vscode.CodeAction>();
  for (const action of actions) {
    const keys = [`title:${action.title}`, ...editKeys(action)];
    const earlier = keys.map((key) => kept.get(key)).find((found) => found !== undefined);
    if (!earlier) {
      for (const key of keys) kept.set(key, action);
      continue;
    }
    earlier.isPreferred = earlier.isPreferred || action.isPreferred;
    earlier.diagnostics = [...(earlier.diagnostics ?? []), ...(action.diagnostics ?? [])];
  }
  return [...new Set(kept.values())];
}

function editKeys(action: vscode.CodeAction): string[] {
  if (!action.edit) return [];
  const parts = action.edit.entries().flatMap(([uri, edits]) => edits.map((edit) => `${uri.toString()}@${edit.range.start.line}:${edit.range.start.character}-${edit.range.end.line}:${edit.range.end.character}=${edit.newText}`));
  return [`edit:${parts.join('|')}`];
}

export function toVscodeRange(edit: TextEdit): vscode.Range {
  return new vscode.Range(edit.start.line, edit.start.character, edit.end.line, edit.end.character);
}
