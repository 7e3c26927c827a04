import * as vscode from 'vscode';
import { RESPONSE_SCHEME } from '../ids';
import type { SendResult } from '../core/http/types';
import { formatResponseDocument } from '../core/send/responseDocument';

/**
 * Responses as read-only documents of their own scheme: one tab per request, reused and
 * refreshed on every send, shown beside the .http file without taking focus.
 */
export class ResponseView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations: vscode.Disposable[] = [];
  /** Opening two editors at once makes the workbench refuse one: responses open one after another. */
  private opening: Promise<unknown> = Promise.resolve();

  constructor() {
    this.registrations.push(vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this));
    this.registrations.push(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === RESPONSE_SCHEME) this.contents.delete(document.uri.toString());
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  show(source: vscode.Uri, requestLabel: string, result: SendResult): Promise<vscode.TextEditor> {
    const shown = this.opening.then(() => this.open(source, requestLabel, result));
    this.opening = shown.catch(() => undefined);
    return shown;
  }

  private async open(source: vscode.Uri, requestLabel: string, result: SendResult): Promise<vscode.TextEditor> {
    const uri = responseUri(source, requestLabel);
    const { language, text } = formatResponseDocument(result);
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
    this.changed.dispose();
  }
}

/** The tab title is the path's last segment: "Response: get-todo", unique per request of a file. */
function responseUri(source: vscode.Uri, requestLabel: string): vscode.Uri {
  const safe = requestLabel.replace(/[\\/:*?"<>|#%]+/g, ' ').trim().slice(0, 80) || 'request';
  return vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/Response: ${safe}`, query: source.toString() });
}
