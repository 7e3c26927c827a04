import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { ExchangeHistory } from '../core/send/exchangeHistory';
import { isPreconditionFailure, latestExchangeFor } from '../core/send/exchangeForResource';
import { normalizeUrl } from '../core/validators/normalizeUrl';
import type { ValidatorNode } from './validatorsView';
import { refuse } from './errors';

/**
 * Compare with Server and Explain this 412 on a Validators row. The row names a URL; the
 * editor commands take the (uri, line) of a request, so these find the request that last
 * went to that URL and hand it over.
 */
export class ValidatorItemCommands implements vscode.Disposable {
  private readonly registrations: vscode.Disposable[];

  constructor(private readonly history: ExchangeHistory) {
    this.registrations = [
      vscode.commands.registerCommand(Commands.compareValidatorWithServer, (item?: unknown) => this.forward(item, Commands.compareWithServer)),
      vscode.commands.registerCommand(Commands.explainValidator, (item?: unknown) => this.forward(item, Commands.explainFailure, isPreconditionFailure)),
    ];
  }

  private forward(item: unknown, command: string, wanted?: Parameters<typeof latestExchangeFor>[3]): Thenable<unknown> | undefined {
    const url = urlOf(item);
    if (!url) return refuse('Right-click a resource in the Validators view to use this command.');
    const exchange = latestExchangeFor(this.history.recent(), url, normalizeUrl, wanted);
    if (!exchange) {
      const what = wanted ? 'No 412 or 428 from' : 'No request to';
      return refuse(`${what} ${url} in this session: send the request from its .http file, then try again.`);
    }
    return vscode.commands.executeCommand(command, exchange.documentKey, exchange.requestLine);
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
  }
}

function urlOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  const node = item as ValidatorNode | undefined;
  return node && 'url' in node ? node.url : undefined;
}
