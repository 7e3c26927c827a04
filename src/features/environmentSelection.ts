import * as vscode from 'vscode';
import { Commands, Settings, StateKeys } from '../ids';
import { environmentNames, loadEnvironmentSources, type EnvironmentSources } from '../core/variables/environments';
import { environmentsDefining } from '../core/variables/environmentSuggestions';
import { readExecutorSettings } from './settings';
import { toUri } from './documents';

const NO_ENVIRONMENT = 'No Environment';
/** Stored when the user picked "No Environment", so the default setting doesn't come back. */
const NONE_PICKED = '';

/**
 * Owns the selected environment (persisted per workspace) and the command that changes it.
 * Until the user picks one, the `preconditionDoctor.defaultEnvironment` setting applies:
 * a shared workspace can say which environment its examples are written for.
 */
export class EnvironmentSelection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly state: vscode.Memento) {
    this.subscriptions = [
      vscode.commands.registerCommand(Commands.selectEnvironment, (name?: unknown) => this.select(name)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${Settings.section}.${Settings.defaultEnvironment}`)) this.changed.fire(this.current);
      }),
    ];
  }

  get current(): string | undefined {
    const picked = this.state.get<string>(StateKeys.selectedEnvironment);
    if (picked !== undefined) return picked === NONE_PICKED ? undefined : picked;
    return vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.defaultEnvironment) || undefined;
  }

  /** With a name, selects it (or clears it for '' / "No Environment"); without, asks. Returns the selected name. */
  async select(name?: unknown): Promise<string | undefined> {
    if (typeof name === 'string') return this.set(name === '' || name === NO_ENVIRONMENT ? undefined : name);
    const names = environmentNames(await this.sourcesFor());
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

  /** The environments, other than the selected one, in which `{{variable}}` is defined for this document. */
  async environmentsDefining(variable: string, documentUri?: vscode.Uri): Promise<string[]> {
    return environmentsDefining(await this.sourcesFor(documentUri), variable, this.current);
  }

  private async set(name: string | undefined): Promise<string | undefined> {
    await this.state.update(StateKeys.selectedEnvironment, name ?? NONE_PICKED);
    this.changed.fire(name);
    return name;
  }

  /** The setting and the env files nearest to the given (else the active) .http file. */
  private async sourcesFor(documentUri?: vscode.Uri): Promise<EnvironmentSources> {
    const uri = documentUri ?? toUri(vscode.window.activeTextEditor?.document.uri);
    const settings = readExecutorSettings(uri);
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    const anchor = uri?.scheme === 'file' ? uri.fsPath : folder ? vscode.Uri.joinPath(folder.uri, 'any.http').fsPath : undefined;
    if (!anchor) return { setting: settings.environments, problems: [], files: [] };
    return loadEnvironmentSources(anchor, folder?.uri.fsPath, settings.environments, settings.trustedWorkspace);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
