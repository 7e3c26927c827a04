import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { EnvironmentSelection } from './environmentSelection';

export type RequestState =
  | { kind: 'idle' }
  | { kind: 'pending'; label: string }
  | { kind: 'received'; status: number; statusText: string; durationMs: number }
  | { kind: 'error'; message: string }
  | { kind: 'cancelled' };

/** Two items, as REST Client users know them: the environment, and what the last request did. */
export class StatusBar implements vscode.Disposable {
  private readonly environmentItem = vscode.window.createStatusBarItem('preconditionDoctor.environment', vscode.StatusBarAlignment.Right, 100);
  private readonly requestItem = vscode.window.createStatusBarItem('preconditionDoctor.request', vscode.StatusBarAlignment.Right, 99);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(environments: EnvironmentSelection) {
    this.environmentItem.name = 'Precondition Doctor Environment';
    this.environmentItem.command = Commands.selectEnvironment;
    this.requestItem.name = 'Precondition Doctor Request';
    this.showEnvironment(environments.current);
    this.subscriptions.push(environments.onDidChange((name) => this.showEnvironment(name)));
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()));
    this.updateVisibility();
  }

  showRequestState(state: RequestState): void {
    const item = this.requestItem;
    item.backgroundColor = undefined;
    item.command = undefined;
    switch (state.kind) {
      case 'idle':
        item.hide();
        return;
      case 'pending':
        item.text = `$(sync~spin) ${state.label}`;
        item.tooltip = 'Request running: click to cancel';
        item.command = Commands.cancelRequest;
        break;
      case 'received':
        item.text = `${state.status >= 400 ? '$(error)' : '$(check)'} ${state.status} ${state.statusText} · ${Math.round(state.durationMs)} ms`;
        item.tooltip = 'Status of the last request';
        if (state.status === 412 || state.status === 428) item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'error':
        item.text = '$(error) Request failed';
        item.tooltip = state.message;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      case 'cancelled':
        item.text = '$(circle-slash) Request cancelled';
        item.tooltip = undefined;
        break;
    }
    item.show();
  }

  private showEnvironment(name: string | undefined): void {
    this.environmentItem.text = `$(server-environment) ${name ?? 'No Environment'}`;
    this.environmentItem.tooltip = 'Precondition Doctor environment: click to change';
  }

  private updateVisibility(): void {
    if (vscode.window.activeTextEditor?.document.languageId === 'http') this.environmentItem.show();
    else this.environmentItem.hide();
  }

  dispose(): void {
    this.environmentItem.dispose();
    this.requestItem.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
