import * as vscode from 'vscode';
import { Commands, StateKeys } from '../ids';
import { environmentNames, loadEnvironmentSources } from '../core/variables/environments';
import { readExecutorSettings } from './settings';
import { toUri } from './documents';

const NO_ENVIRONMENT = 'No Environment';

/** Owns the selected environment (persisted per workspace) and the command that changes it. */
export class EnvironmentSelection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly command: vscode.Disposable;

  constructor(private readonly state: vscode.Memento) {
    this.command = vscode.commands.registerCommand(Commands.selectEnvironment, (name?: unknown) => this.select(name));
  }

  get current(): string | undefined {
    return this.state.get<string>(StateKeys.selectedEnvironment);
  }

  /** With a name, selects it (or clears it for '' / "No Environment"); without, asks. Returns the selected name. */
  async select(name?: unknown): Promise<string | undefined> {
    if (typeof name === 'string') return this.set(name === '' || name === NO_ENVIRONMENT ? undefined : name);
    const names = await this.availableNames();
    const items: vscode.QuickPickItem[] = [
      { label: NO_ENVIRONMENT, description: 'only $shared and file variables' },
      ...names.map((label) => ({ label, description: label === this.current ? 'selected' : undefined })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Select Environment',
      placeHolder: names.length === 0 ? 'No environments found: add http-client.env.json or the preconditionDoctor.environments setting' : 'Environment for {{variables}}',
    });
    if (!picked) return this.current;
    return this.set(picked.label === NO_ENVIRONMENT ? undefined : picked.label);
  }

  private async set(name: string | undefined): Promise<string | undefined> {
    await this.state.update(StateKeys.selectedEnvironment, name);
    this.changed.fire(name);
    return name;
  }

  /** Names from the setting and from the env files nearest to the active .http file. */
  private async availableNames(): Promise<string[]> {
    const uri = toUri(vscode.window.activeTextEditor?.document.uri);
    const settings = readExecutorSettings(uri);
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    const anchor = uri?.scheme === 'file' ? uri.fsPath : folder ? vscode.Uri.joinPath(folder.uri, 'any.http').fsPath : undefined;
    if (!anchor) return environmentNames({ setting: settings.environments, problems: [], files: [] });
    const sources = await loadEnvironmentSources(anchor, folder?.uri.fsPath, settings.environments);
    return environmentNames(sources);
  }

  dispose(): void {
    this.command.dispose();
    this.changed.dispose();
  }
}
