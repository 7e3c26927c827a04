import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID } from '../ids';
import { toRange, type HttpDocuments } from './documents';

/** One lens per request, on its request line: "Send Request", or what stops it from being sent. */
export class SendRequestCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly documents: HttpDocuments) {
    this.registration = vscode.languages.registerCodeLensProvider([{ language: LANGUAGE_ID, scheme: 'file' }, { language: LANGUAGE_ID, scheme: 'untitled' }], this);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return this.documents.parse(document).requests.map((request) => {
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
    });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
