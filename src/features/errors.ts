import * as vscode from 'vscode';

/**
 * Shows an error without waiting for the user to dismiss it (commands must return).
 * When the message names one of our settings, offers a button that opens it.
 */
export function showActionableError(message: string): void {
  const setting = /\b(preconditionDoctor\.[\w.]+\w)/.exec(message)?.[1];
  const actions = setting ? ['Open Setting'] : [];
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === 'Open Setting') void vscode.commands.executeCommand('workbench.action.openSettings', setting);
  });
}

/** Shows why a command did nothing, and returns the `undefined` the command answers with. */
export function refuse(message: string): undefined {
  showActionableError(message);
  return undefined;
}
