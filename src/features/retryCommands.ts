import * as vscode from 'vscode';
import { COMPARE_SCHEME, Commands } from '../ids';
import { BoundedMap } from '../core/boundedMap';
import { isIdempotentMethod } from '../core/diagnosis/retryPolicy';
import type { SendResult } from '../core/http/types';
import { refreshAndRetryRequest } from '../core/send/refreshAndRetryRequest';
import { displayBody, prettyJson } from '../core/send/responseDocument';
import type { RequestExecutor } from '../core/send/requestExecutor';
import type { ServerProbes } from '../core/send/serverProbes';
import type { ValidatorStore } from '../core/validators/validatorStore';
import { withCancellableProgress } from './cancellableProgress';
import type { HttpDocuments } from './documents';
import type { EnvironmentSelection } from './environmentSelection';
import { refuse, showActionableError } from './errors';
import type { FailureLocator, FailureTarget } from './failures';
import type { ResponseView } from './responseView';
import { readDiagnosisSettings, readExecutorSettings } from './settings';

interface Dependencies {
  documents: HttpDocuments;
  executor: RequestExecutor;
  environments: EnvironmentSelection;
  probes: ServerProbes;
  failures: FailureLocator;
  responses: ResponseView;
  validators: ValidatorStore;
  log: vscode.LogOutputChannel;
}

/** The third argument of refreshAndRetry (CONTRACTS.md): `confirmOverwrite: false` skips the write guard for scripts and tests. */
interface RetryOptions {
  confirmOverwrite?: boolean;
}

/** Both sides of this many recent comparisons stay readable; older ones are gone even if their editors were never closed. */
const COMPARISONS_KEPT = 20;

/** Refresh & Retry, and Compare with Server: the two ways out of a 412 that need the server. */
export class RetryCommands implements vscode.Disposable, vscode.TextDocumentContentProvider {
  private readonly registrations: vscode.Disposable[];
  private readonly compareContents = new BoundedMap<string, string>(2 * COMPARISONS_KEPT);

  constructor(private readonly deps: Dependencies) {
    this.registrations = [
      vscode.commands.registerCommand(Commands.refreshAndRetry, (uri?: unknown, line?: unknown, options?: unknown) =>
        this.refreshAndRetry(uri, line, isRetryOptions(options) ? options : {}),
      ),
      vscode.commands.registerCommand(Commands.compareWithServer, (uri?: unknown, line?: unknown) => this.compare(uri, line)),
      vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === COMPARE_SCHEME) this.compareContents.delete(document.uri.toString());
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.compareContents.get(uri.toString()) ?? '';
  }

  async refreshAndRetry(uriArgument?: unknown, lineArgument?: unknown, options: RetryOptions = {}): Promise<SendResult | undefined> {
    const target = await this.deps.failures.locate(uriArgument, lineArgument);
    if (!target) return refuse('Put the cursor in a request to refresh and retry it.');
    const { document, request } = target;
    const method = request.requestLine.method.text;
    if (!isIdempotentMethod(method)) {
      const answer = await vscode.window.showWarningMessage(`${method} is not idempotent: retrying it may apply it twice. Retry anyway?`, { modal: true }, 'Retry');
      if (answer !== 'Retry') return undefined;
    }
    const line = request.requestLine.span.line;
    // Asked after the probe and before the resend, only when the resend would replace another client's change.
    const confirmOverwrite =
      options.confirmOverwrite === false ? undefined : (sent: string, fresh: string) => this.confirmOverwrite(method, sent, fresh, document.uri, line);
    const policy = readDiagnosisSettings(document.uri);
    const label = `${method} ${target.failure?.result.url ?? request.requestLine.url}`;
    const outcome = await withCancellableProgress(`Refresh & Retry ${label}`, (signal, progress) =>
      refreshAndRetryRequest(
        this.deps,
        {
          source: this.deps.documents.source(document),
          request,
          environmentName: this.deps.environments.current,
          settings: readExecutorSettings(document.uri),
          failed: target.failure?.result,
        },
        {
          maxAttempts: policy.maxAttempts,
          baseDelayMs: policy.baseDelayMs,
          signal,
          confirmOverwrite,
          onProbe: (probe) => this.deps.failures.recordProbe(probe.url, probe, 'Refresh & Retry probe'),
          onAttempt: (attempt, freshEtag) =>
            progress.report({ message: `attempt ${attempt} of ${policy.maxAttempts}${freshEtag ? ` with If-Match ${freshEtag}` : ''}` }),
        },
      ),
    );
    if ('error' in outcome) return refuse(outcome.error);
    const final = outcome.final;
    const summary = outcome.attempts.map((a) => `#${a.attempt} ${a.status}${a.delayMs ? ` after ${a.delayMs} ms` : ''}`).join(', ');
    this.deps.log.info(`Refresh & Retry ${label}: ${outcome.outcome} (${summary})`);
    if (final.status !== 0) await this.deps.responses.show(document.uri, request.name ?? `${method} ${request.requestLine.url}`, final);
    if (outcome.outcome === 'succeeded') this.offerToWriteTag(target, outcome.attempts[outcome.attempts.length - 1]?.etagSent);
    else if (final.status === 0 && final.error && outcome.outcome !== 'cancelled') showActionableError(`Refresh & Retry sent nothing that succeeded: ${final.error}`);
    else if (outcome.outcome !== 'cancelled') showActionableError(`Refresh & Retry ended with ${final.status || final.error} after ${outcome.attempts.length} attempt(s): ${summary}. Run Explain this 412 for the likely cause.`);
    return outcome.outcome === 'cancelled' ? undefined : final;
  }

  private async confirmOverwrite(method: string, sent: string, fresh: string, uri: vscode.Uri, line: number): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(
      `Another client changed this resource: re-sending ${method} with its ETag ${fresh} replaces their change.`,
      { modal: true, detail: `You sent If-Match ${sent}. Compare first shows the server's version next to your body, and sends nothing.` },
      COMPARE_FIRST,
      OVERWRITE,
    );
    if (answer === COMPARE_FIRST) await this.compare(uri, line);
    return answer === OVERWRITE;
  }

  /** After a retry succeeded with a tag the file does not hold: offer to write it there. */
  private offerToWriteTag(target: FailureTarget, etag: string | undefined): void {
    if (!etag) return;
    void vscode.window.showInformationMessage(`Refresh & Retry succeeded with If-Match ${etag}. Write the ETag the server now holds into the file?`, 'Write ETag').then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.useFreshestEtag, target.document.uri, target.request.requestLine.span.line);
    });
  }

  /** A diff of the server's current representation (left) against this request's body (right), to merge by hand. */
  async compare(uriArgument?: unknown, lineArgument?: unknown): Promise<void> {
    const target = await this.deps.failures.locate(uriArgument, lineArgument);
    if (!target) return void refuse('Put the cursor in a request to compare it with the server.');
    const { document, request } = target;
    const settings = readExecutorSettings(document.uri);
    const source = this.deps.documents.source(document);
    const where = await this.deps.probes.targetOfRequest(source, request, this.deps.environments.current, settings, target.failure?.result);
    if ('error' in where) return void refuse(where.error);
    const current = await this.deps.probes.fetchCurrent(where, settings);
    if (current.status === 0) return void refuse(`Couldn't read the server's version: ${current.error}`);
    const resolved = await this.deps.executor.resolve(source, request, this.deps.environments.current, settings);
    const body = resolved.ok && typeof resolved.request.body === 'string' ? resolved.request.body : request.body?.text ?? '';
    const stamp = Date.now();
    const pathname = new URL(where.url).pathname;
    const left = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/server${pathname}.json`, query: `at=${stamp}` });
    const right = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/request${pathname}.json`, query: `at=${stamp}` });
    this.compareContents.set(left.toString(), withFinalNewline(displayBody(current).body));
    this.compareContents.set(right.toString(), withFinalNewline(prettyJson(body)));
    const etag = current.responseHeaders['etag'] ?? 'no ETag';
    await vscode.commands.executeCommand('vscode.diff', left, right, `Server (${etag}) ↔ Your request body`, { preview: false });
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
  }
}

const COMPARE_FIRST = 'Compare first';
const OVERWRITE = 'Overwrite';

function isRetryOptions(value: unknown): value is RetryOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof vscode.Uri);
}

/** Both sides end the same way, so the diff shows no "no newline at end of file" noise. */
function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
