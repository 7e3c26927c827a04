import * as vscode from 'vscode';
import { Commands } from '../ids';
import { newExampleFile } from '../core/examples/newExampleFile';

/**
 * The welcome view's button: an untitled example to try the extension with, aimed at
 * the demo API (started if needed) so its first request answers 200.
 */
export function registerExampleFileCommand(startDemo: () => Promise<string>): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.openExampleFile, async () => {
    const baseUrl = await startDemo();
    const document = await vscode.workspace.openTextDocument({ language: 'http', content: newExampleFile(baseUrl) });
    return vscode.window.showTextDocument(document);
  });
}
