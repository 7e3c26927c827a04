import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { OnFirstUse } from '../core/lazy/onFirstUse';
import type { DemoServer } from '../demo/server';
import type * as DemoServerCode from '../lazy/demoServer';
import type { EnvironmentSelection } from './environmentSelection';
import { showActionableError } from './errors';

/** The port the examples' `demo` environment names, so a copied file works with other tools too. */
const DEMO_PORT = 8412;
const FIRST_EXAMPLE = '01-changed-by-another-client.http';

/**
 * The walkthrough's hands-on part: the demo API running inside the extension host, and a
 * fresh copy of the examples to edit, with the `demo` environment pointing at it.
 */
export class Examples implements vscode.Disposable {
  private demo: DemoServer | undefined;
  private readonly registrations: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly storageUri: vscode.Uri,
    private readonly environments: EnvironmentSelection,
    private readonly log: vscode.LogOutputChannel,
    /** The demo API's code, loaded when it first starts. */
    private readonly demoServerCode: OnFirstUse<typeof DemoServerCode>,
  ) {
    this.registrations = [
      vscode.commands.registerCommand(Commands.startDemoApi, () => this.startDemo()),
      vscode.commands.registerCommand(Commands.stopDemoApi, () => this.stopDemo()),
      vscode.commands.registerCommand(Commands.openExamples, () => this.openExamples()),
    ];
  }

  /** Returns the demo's base URL; on 8412 when free, else on any free port. */
  async startDemo(): Promise<string> {
    if (this.demo) return this.demo.url;
    const log = (line: string) => this.log.debug(`demo API: ${line}`);
    const { startDemoServer } = this.demoServerCode.get();
    try {
      this.demo = await startDemoServer({ port: DEMO_PORT, log });
    } catch {
      this.demo = await startDemoServer({ port: 0, log });
    }
    void vscode.window.setStatusBarMessage(`$(server) Demo API on ${this.demo.url}`, 5000);
    this.log.info(`demo API listening on ${this.demo.url}`);
    return this.demo.url;
  }

  async stopDemo(): Promise<void> {
    const demo = this.demo;
    this.demo = undefined;
    await demo?.close();
  }

  /**
   * Copies the examples into the extension's storage (a fresh copy each time, so they can
   * be edited freely), points the `demo` environment at the running demo API, selects it,
   * and opens the first example. Returns the folder.
   */
  async openExamples(): Promise<vscode.Uri | undefined> {
    try {
      const baseUrl = await this.startDemo();
      const target = vscode.Uri.joinPath(this.storageUri, 'examples');
      await vscode.workspace.fs.delete(target, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(this.extensionUri, 'examples'), target, { overwrite: true });
      const envFile = vscode.Uri.joinPath(target, 'http-client.env.json');
      await vscode.workspace.fs.writeFile(envFile, Buffer.from(`${JSON.stringify({ demo: { baseUrl } }, null, 2)}\n`, 'utf8'));
      await this.environments.select('demo');
      await vscode.window.showTextDocument(vscode.Uri.joinPath(target, FIRST_EXAMPLE), { preview: false });
      this.offerFolder(target);
      return target;
    } catch (error) {
      showActionableError(`Couldn't open the examples: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * The copy lives in the extension's storage, which no Explorer shows: offer it as a
   * folder so every example (and the README) is one click away. Not awaited: the command
   * returns at once, and opening a folder may restart the extension host.
   */
  private offerFolder(folder: vscode.Uri): void {
    const inWorkspace = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
    if (inWorkspace) return;
    const newWindow = 'Open Folder in New Window';
    const add = 'Add Folder to Workspace';
    const buttons = vscode.workspace.workspaceFolders?.length ? [newWindow, add] : [newWindow];
    void vscode.window.showInformationMessage(`The examples are in ${folder.fsPath}. Open them as a folder to see every file?`, ...buttons).then((choice) => {
      if (choice === newWindow) void vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: true });
      if (choice === add) vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: folder, name: 'Precondition Doctor examples' });
    });
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
    void this.stopDemo();
  }
}
