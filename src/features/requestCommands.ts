import * as vscode from 'vscode';
import { Commands, ContextKeys, FixTitles } from '../ids';
import { undefinedVariablesIn } from '../core/variables/environmentSuggestions';
import type { SendResult } from '../core/http/types';
import type { ParsedRequest } from '../core/parser/types';
import { toCurlCommand } from '../core/http/curl';
import { curlTransportFor, redactTransport } from '../core/http/curlTransport';
import { unsendable, type RequestExecutor } from '../core/send/requestExecutor';
import { openTarget, type HttpDocuments } from './documents';
import type { EnvironmentSelection } from './environmentSelection';
import type { ResponseView } from './responseView';
import type { StatusBar } from './statusBar';
import { readExecutorSettings, type RedactionFor } from './settings';
import { withDelayedProgress } from './delayedProgress';
import { showActionableError } from './errors';

interface CurlOptions {
  includeSecrets?: boolean;
}

interface Dependencies {
  documents: HttpDocuments;
  executor: RequestExecutor;
  environments: EnvironmentSelection;
  responses: ResponseView;
  statusBar: StatusBar;
  log: vscode.LogOutputChannel;
  redaction: RedactionFor;
}

/** Send, Send All, Cancel and Copy as cURL: one send path whether called from a lens, a key or the palette. */
export class RequestCommands implements vscode.Disposable {
  private readonly running = new Set<AbortController>();
  private readonly registrations: vscode.Disposable[];

  constructor(private readonly deps: Dependencies) {
    this.registrations = [
      vscode.commands.registerCommand(Commands.sendRequest, (uri?: unknown, line?: unknown) => this.sendRequest(uri, line)),
      vscode.commands.registerCommand(Commands.sendAllRequests, (uri?: unknown) => this.sendAll(uri)),
      vscode.commands.registerCommand(Commands.cancelRequest, () => this.cancelAll()),
      vscode.commands.registerCommand(Commands.copyAsCurl, (uri?: unknown, line?: unknown, options?: CurlOptions) => this.copyAsCurl(uri, line, options)),
      vscode.commands.registerCommand(Commands.showRequestProblems, (uri?: unknown, line?: unknown) => this.showProblems(uri, line)),
    ];
  }

  async sendRequest(uriArgument?: unknown, lineArgument?: unknown): Promise<SendResult | undefined> {
    const target = await openTarget(uriArgument, lineArgument);
    if (!target) return this.fail(unsendable('', '', 'Open a .http file and put the cursor in a request, then send it.', 0));
    const request = this.deps.documents.requestAt(target.document, target.line);
    if (!request) return this.fail(unsendable('', '', `line ${target.line + 1}: no request here; put the cursor inside a request block`, 0));
    return this.send(target.document, request);
  }

  async sendAll(uriArgument?: unknown): Promise<SendResult[]> {
    const target = await openTarget(uriArgument, 0);
    if (!target) return [];
    const results: SendResult[] = [];
    for (const request of this.deps.documents.parse(target.document).requests) {
      const result = await this.send(target.document, request);
      if (!result) break;
      results.push(result);
    }
    return results;
  }

  cancelAll(): void {
    for (const controller of this.running) controller.abort();
  }

  private async send(document: vscode.TextDocument, request: ParsedRequest): Promise<SendResult | undefined> {
    const { executor, documents, environments, responses, statusBar } = this.deps;
    const controller = new AbortController();
    this.running.add(controller);
    void vscode.commands.executeCommand('setContext', ContextKeys.requestRunning, true);
    const label = `${request.requestLine.method.text} ${request.requestLine.url}`;
    statusBar.showRequestState({ kind: 'pending', label: request.requestLine.method.text });
    try {
      const result = await withDelayedProgress(`Sending ${label}`, controller, (signal) =>
        executor.execute(documents.source(document), request, environments.current, readExecutorSettings(document.uri), { signal }),
      );
      if (controller.signal.aborted) {
        statusBar.showRequestState({ kind: 'cancelled' });
        return undefined;
      }
      if (result.status === 0) return this.fail(result, document);
      statusBar.showRequestState({ kind: 'received', status: result.status, statusText: result.statusText, durationMs: result.durationMs });
      // The result stands even if the workbench can't show it (e.g. the editor area is busy).
      await responses.show(document.uri, request.name ?? label, result).catch((error: unknown) => this.deps.log.warn(`couldn't show the response: ${String(error)}`));
      return result;
    } finally {
      this.running.delete(controller);
      if (this.running.size === 0) void vscode.commands.executeCommand('setContext', ContextKeys.requestRunning, false);
    }
  }

  private fail(result: SendResult, document?: vscode.TextDocument): SendResult {
    this.deps.statusBar.showRequestState({ kind: 'error', message: result.error ?? '' });
    const message = result.error ?? 'The request failed.';
    const variables = undefinedVariablesIn(message);
    if (variables.length === 0) {
      showActionableError(message);
      return result;
    }
    // An undefined {{name}} that another environment defines: offer to select that environment.
    void Promise.all(variables.map((name) => this.deps.environments.environmentsDefining(name, document?.uri))).then(async (lists) => {
      const names = [...new Set(lists.flat())];
      if (names.length === 0) return showActionableError(message);
      const buttons = names.map((name) => FixTitles.selectEnvironment(name));
      const choice = await vscode.window.showErrorMessage(message, ...buttons);
      const picked = choice ? names[buttons.indexOf(choice)] : undefined;
      if (picked) await this.deps.environments.select(picked);
    });
    return result;
  }

  /** Secrets are replaced by [redacted] unless `includeSecrets`: a copied command line tends to end up in chats and tickets. */
  async copyAsCurl(uriArgument?: unknown, lineArgument?: unknown, options: CurlOptions = {}): Promise<string | undefined> {
    const target = await openTarget(uriArgument, lineArgument);
    const request = target && this.deps.documents.requestAt(target.document, target.line);
    if (!target || !request) {
      showActionableError('Put the cursor inside a request in a .http file to copy it as cURL.');
      return undefined;
    }
    const settings = readExecutorSettings(target.document.uri);
    const resolved = await this.deps.executor.resolve(this.deps.documents.source(target.document), request, this.deps.environments.current, settings);
    if (!resolved.ok) {
      showActionableError(resolved.errors.map((e) => e.message).join('\n'));
      return undefined;
    }
    const transport = curlTransportFor(resolved.request.url, settings);
    if ('error' in transport) {
      showActionableError(transport.error);
      return undefined;
    }
    const withSecrets = toCurlCommand(resolved.request, transport);
    const command = options.includeSecrets
      ? withSecrets
      : toCurlCommand(this.deps.redaction(target.document.uri).request(resolved.request), redactTransport(transport));
    await vscode.env.clipboard.writeText(command);
    if (command === withSecrets) {
      void vscode.window.setStatusBarMessage('$(copy) Request copied as cURL', 3000);
    } else {
      void vscode.window.showInformationMessage('Copied as cURL with secrets replaced by [redacted].', 'Copy with Secrets').then((choice) => {
        if (choice) void this.copyAsCurl(target.document.uri, target.line, { includeSecrets: true });
      });
    }
    return command;
  }

  private async showProblems(uriArgument?: unknown, lineArgument?: unknown): Promise<void> {
    const target = await openTarget(uriArgument, lineArgument);
    const request = target && this.deps.documents.requestAt(target.document, target.line);
    if (request && request.errors.length > 0) showActionableError(request.errors.map((e) => e.message).join('\n'));
  }

  dispose(): void {
    this.cancelAll();
    for (const registration of this.registrations) registration.dispose();
  }
}
