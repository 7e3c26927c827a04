import * as path from 'node:path';
import * as vscode from 'vscode';
import { PRIVATE_ENV_FILE } from '../core/variables/environments';
import { gitRoot, wouldGitCommit } from '../core/variables/gitIgnore';
import { appendToGitignore } from '../core/variables/gitignoreFile';

/**
 * Warns when an `http-client.private.env.json` sits in a git repository without being
 * ignored: its secrets would be committed with the next `git add .`. Asking git means
 * running it in the workspace, so nothing is checked until the workspace is trusted.
 */
export class PrivateEnvWarning implements vscode.Disposable {
  private readonly warned = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly starting: ReturnType<typeof setTimeout>;

  constructor(private readonly log: vscode.LogOutputChannel) {
    // A background check nobody waits for: it starts right after activation instead of
    // during it (creating the watcher and the search take a few ms of the host's thread).
    this.starting = setTimeout(() => this.start(), 0);
  }

  private start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PRIVATE_ENV_FILE}`);
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => void this.check(uri)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.checkWorkspace()),
    );
    if (vscode.workspace.isTrusted) void this.checkWorkspace();
  }

  private async checkWorkspace(): Promise<void> {
    for (const uri of await vscode.workspace.findFiles(`**/${PRIVATE_ENV_FILE}`, '**/node_modules/**', 50)) await this.check(uri);
  }

  /** Returns true when it warned. */
  async check(uri: vscode.Uri): Promise<boolean> {
    if (!vscode.workspace.isTrusted || uri.scheme !== 'file' || this.warned.has(uri.fsPath)) return false;
    if (!(await wouldGitCommit(uri.fsPath))) return false;
    this.warned.add(uri.fsPath);
    this.log.warn(`${uri.fsPath} is not ignored by git: its secrets would be committed`);
    const relative = vscode.workspace.asRelativePath(uri);
    void vscode.window
      .showWarningMessage(`${relative} holds secrets but git does not ignore it: they would be committed. Add it to .gitignore.`, 'Add to .gitignore')
      .then((choice) => (choice ? this.ignore(uri) : undefined));
    return true;
  }

  private async ignore(uri: vscode.Uri): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    const root = await gitRoot(path.dirname(uri.fsPath));
    if (!root) return;
    try {
      const { file, outcome } = await appendToGitignore(root, PRIVATE_ENV_FILE);
      this.log.info(`${file}: ${outcome === 'already-listed' ? `already lists ${PRIVATE_ENV_FILE}` : `${PRIVATE_ENV_FILE} added`}`);
    } catch (error) {
      this.log.error((error as Error).message);
      void vscode.window.showErrorMessage((error as Error).message);
    }
  }

  dispose(): void {
    clearTimeout(this.starting);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
