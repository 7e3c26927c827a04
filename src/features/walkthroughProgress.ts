import * as vscode from 'vscode';
import { ContextKeys } from '../ids';
import type { ExchangeHistory } from '../core/send/exchangeHistory';

/**
 * Checks off the walkthrough's steps from what the user did, however they did it (lens,
 * palette, key, quick fix): its completion events are `onContext:` these keys.
 */
export class WalkthroughProgress implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private readonly done = new Set<string>();

  constructor(history: ExchangeHistory) {
    this.subscription = history.onDidRecord(({ result }) => {
      if (result.status >= 200 && result.status < 300) this.mark(ContextKeys.requestSucceeded);
      if (result.status === 412) this.mark(ContextKeys.preconditionFailedSeen);
    });
  }

  private mark(key: string): void {
    if (this.done.has(key)) return;
    this.done.add(key);
    void vscode.commands.executeCommand('setContext', key, true);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
