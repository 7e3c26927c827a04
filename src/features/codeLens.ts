import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../ids';
import type { Event } from '../core/events';
import { newerEtagHint, type NewerEtagSources } from '../core/lint/newerEtag';
import type { ParsedHttpFile, ParsedRequest } from '../core/parser/types';
import { toRange, type HttpDocuments } from './documents';

/** One lens per request, on its request line: "Send Request", or what stops it from being sent. */
export class SendRequestCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly registration: vscode.Disposable;

  private readonly subscriptions: vscode.Disposable[] = [];

  /** `refreshOn`: events after which the "newer ETag" lenses may have changed (validators recorded, responses received). */
  constructor(
    private readonly documents: HttpDocuments,
    private readonly sources: NewerEtagSources,
    refreshOn: Array<Event<unknown>>,
  ) {
    this.registration = vscode.languages.registerCodeLensProvider([{ language: LANGUAGE_ID, scheme: 'file' }, { language: LANGUAGE_ID, scheme: 'untitled' }], this);
    for (const event of refreshOn) this.subscriptions.push(event(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const parsed = this.documents.parse(document);
    return parsed.requests.flatMap((request) => [this.sendLens(document, request), ...this.newerEtagLens(document, parsed, request)]);
  }

  private newerEtagLens(document: vscode.TextDocument, parsed: ParsedHttpFile, request: ParsedRequest): vscode.CodeLens[] {
    if (request.errors.length > 0) return [];
    const hint = newerEtagHint(parsed, request, document.uri.toString(), this.sources, new Date());
    if (!hint) return [];
    const line = request.requestLine.span.line;
    return [
      new vscode.CodeLens(toRange(request.requestLine.span), {
        title: hint.ownWrite
          ? `$(history) Your ${hint.ownWrite} at ${hint.seen} made ${hint.freshEtag} current: use it here`
          : `$(history) Server has a newer ETag ${hint.freshEtag} from another client, seen at ${hint.seen}`,
        tooltip: hint.ownWrite
          ? `If-Match here holds ${hint.sentEtag}, the tag your write replaced; the server now holds ${hint.freshEtag}, which that write produced. Click to use it.`
          : `If-Match here holds ${hint.sentEtag}; the freshest ETag recorded for ${hint.url} is ${hint.freshEtag}. Click to use it.`,
        command: Commands.useFreshestEtag,
        arguments: [document.uri, line],
      }),
    ];
  }

  private sendLens(document: vscode.TextDocument, request: ParsedRequest): vscode.CodeLens {
    {
      const range = toRange(request.requestLine.span);
      const line = request.requestLine.span.line;
      if (request.errors.length > 0) {
        const first = request.errors[0].message.replace(/^line \d+: /, '');
        return new vscode.CodeLens(range, {
          title: `$(warning) Can't send: ${first}`,
          tooltip: request.errors.map((e) => e.message).join('\n'),
          command: Commands.showRequestProblems,
          arguments: [document.uri, line],
        });
      }
      return new vscode.CodeLens(range, {
        title: 'Send Request',
        tooltip: `${request.requestLine.method.text} ${request.requestLine.url}`,
        command: Commands.sendRequest,
        arguments: [document.uri, line],
      });
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.registration.dispose();
    this.changed.dispose();
  }
}
