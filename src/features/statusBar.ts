import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { ExchangeHistory, RecordedExchange } from '../core/send/exchangeHistory';
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

  /** What the request item says now, for the extension's test API. */
  get requestText(): string | undefined {
    return this.requestShown ? this.requestItem.text : undefined;
  }

  private requestShown = false;
  private readonly showingFirst: ReturnType<typeof setImmediate>;

  /**
   * The request item follows the active file's last exchange, whoever sent it (a send, a
   * retry, a fix's resend): a retry that succeeded must not leave the 412 on screen.
   */
  constructor(
    environments: EnvironmentSelection,
    private readonly history: ExchangeHistory,
  ) {
    this.environmentItem.name = 'Precondition Doctor Environment';
    this.environmentItem.command = Commands.selectEnvironment;
    this.requestItem.name = 'Precondition Doctor Request';
    // Shown just after activation rather than during it, which every window start waits for.
    this.showingFirst = setImmediate(() => {
      this.showEnvironment(environments.current);
      this.updateVisibility();
    });
    this.subscriptions.push(environments.onDidChange((name) => this.showEnvironment(name)));
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.updateVisibility();
        this.showLastExchangeOfActiveFile();
      }),
      history.onDidRecord((exchange) => {
        if (exchange.documentKey === activeDocumentKey()) this.showExchange(exchange);
      }),
    );
  }

  showRequestState(state: RequestState): void {
    const item = this.requestItem;
    item.backgroundColor = undefined;
    item.command = undefined;
    switch (state.kind) {
      case 'idle':
        item.hide();
        this.requestShown = false;
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
    this.requestShown = true;
  }

  private showLastExchangeOfActiveFile(): void {
    const key = activeDocumentKey();
    if (key === undefined) return; // an output or response editor: keep what was shown
    const last = this.history.recent(key)[0];
    if (last) this.showExchange(last);
    else this.showRequestState({ kind: 'idle' });
  }

  private showExchange(exchange: RecordedExchange): void {
    const { result } = exchange;
    if (result.status === 0) this.showRequestState(result.error === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', message: result.error ?? '' });
    else this.showRequestState({ kind: 'received', status: result.status, statusText: result.statusText, durationMs: result.durationMs });
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
    clearImmediate(this.showingFirst);
    this.environmentItem.dispose();
    this.requestItem.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function activeDocumentKey(): string | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'http' ? document.uri.toString() : undefined;
}
