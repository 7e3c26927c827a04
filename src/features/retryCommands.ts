import * as vscode from 'vscode';
import { COMPARE_SCHEME, Commands } from '../ids';
import { isIdempotentMethod, refreshAndRetry } from '../core/diagnosis/retryPolicy';
import { findHeader } from '../core/lint/headerValues';
import type { HttpSender } from '../core/http/client';
import type { SendResult } from '../core/http/types';
import { displayBody, prettyJson } from '../core/send/responseDocument';
import type { RequestExecutor } from '../core/send/requestExecutor';
import { probeValidators } from '../core/validators/probe';
import type { ValidatorStore } from '../core/validators/validatorStore';
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
  validators: ValidatorStore;
  client: HttpSender;
  failures: FailureLocator;
  responses: ResponseView;
  log: vscode.LogOutputChannel;
}

const OVERWRITE_WARNING = 'Retrying a write with a fresh ETag replaces whatever the other client saved. Compare with the server first if their change matters.';

/** Refresh & Retry, and Compare with Server: the two ways out of a 412 that need the server. */
export class RetryCommands implements vscode.Disposable, vscode.TextDocumentContentProvider {
  private readonly registrations: vscode.Disposable[];
  private readonly compareContents = new Map<string, string>();

  constructor(private readonly deps: Dependencies) {
    this.registrations = [
      vscode.commands.registerCommand(Commands.refreshAndRetry, (uri?: unknown, line?: unknown) => this.refreshAndRetry(uri, line)),
      vscode.commands.registerCommand(Commands.compareWithServer, (uri?: unknown, line?: unknown) => this.compare(uri, line)),
      vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.compareContents.get(uri.toString()) ?? '';
  }

  async refreshAndRetry(uriArgument?: unknown, lineArgument?: unknown): Promise<SendResult | undefined> {
    const target = await this.deps.failures.locate(uriArgument, lineArgument);
    if (!target) return refuse('Put the cursor in a request to refresh and retry it.');
    const { document, request } = target;
    const method = request.requestLine.method.text;
    if (!isIdempotentMethod(method)) {
      const answer = await vscode.window.showWarningMessage(
        `${method} is not idempotent: retrying it may apply it twice. Retry anyway?`,
        { modal: true, detail: OVERWRITE_WARNING },
        'Retry',
      );
      if (answer !== 'Retry') return undefined;
    } else if (method !== 'GET' && method !== 'HEAD') {
      void vscode.window.showWarningMessage(OVERWRITE_WARNING, 'Compare with Server').then((choice) => {
        if (choice) void vscode.commands.executeCommand(Commands.compareWithServer, document.uri, request.requestLine.span.line);
      });
    }
    const url = await this.urlOf(target);
    if (!url) return undefined;
    const settings = readExecutorSettings(document.uri);
    const policy = readDiagnosisSettings(document.uri);
    const usesDate = !!findHeader(request.headers, 'If-Unmodified-Since');
    let latestProbe: SendResult | undefined;

    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Refresh & Retry ${method} ${url}`, cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return refreshAndRetry(
          {
            probe: async () => {
              latestProbe = await probeValidators(this.deps.client, url, { ...settings, signal: controller.signal });
              if (latestProbe.status !== 0) this.deps.validators.recordResponse(latestProbe);
              this.deps.failures.recordProbe(url, latestProbe, 'Refresh & Retry probe');
              return latestProbe;
            },
            rewriteAndSend: (freshEtag, attempt) => {
              progress.report({ message: `attempt ${attempt} of ${policy.maxAttempts}${freshEtag ? ` with If-Match ${freshEtag}` : ''}` });
              const overrides: Array<[string, string]> = [];
              if (freshEtag) overrides.push(['If-Match', freshEtag]);
              const lastModified = latestProbe?.responseHeaders['last-modified'];
              if (usesDate && lastModified) overrides.push(['If-Unmodified-Since', lastModified]);
              const source = this.deps.documents.source(document);
              return this.deps.executor.execute(source, request, this.deps.environments.current, settings, controller.signal, overrides);
            },
            sleep: (ms, signal) => sleep(ms, signal),
            signal: controller.signal,
          },
          { baseMs: policy.baseDelayMs, factor: 2, maxAttempts: policy.maxAttempts, maxDelayMs: 10_000 },
        );
      },
    );
    const final = outcome.final;
    const summary = outcome.attempts.map((a) => `#${a.attempt} ${a.status}${a.delayMs ? ` after ${a.delayMs} ms` : ''}`).join(', ');
    this.deps.log.info(`Refresh & Retry ${method} ${url}: ${outcome.outcome} (${summary})`);
    if (final.status !== 0) await this.deps.responses.show(document.uri, request.name ?? `${method} ${request.requestLine.url}`, final);
    if (outcome.outcome === 'succeeded') this.offerToWriteTag(target, outcome.attempts[outcome.attempts.length - 1]?.etagSent);
    else if (outcome.outcome !== 'cancelled') showActionableError(`Refresh & Retry ended with ${final.status || final.error} after ${outcome.attempts.length} attempt(s): ${summary}. Run Explain this 412 for the likely cause.`);
    return outcome.outcome === 'cancelled' ? undefined : final;
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
    const resolved = await this.deps.executor.resolve(this.deps.documents.source(document), request, this.deps.environments.current, settings);
    const url = target.failure?.result.url ?? (resolved.ok ? resolved.request.url : undefined);
    if (!url) return void refuse(resolved.ok ? 'No URL to compare.' : resolved.errors.map((e) => e.message).join('\n'));
    const current = await this.deps.client.send({ method: 'GET', url, headers: [['Accept-Encoding', 'identity'], ['Cache-Control', 'no-cache']] }, settings);
    if (current.status === 0) return void refuse(`Couldn't read the server's version: ${current.error}`);
    this.deps.validators.recordResponse(current);
    const body = resolved.ok && typeof resolved.request.body === 'string' ? resolved.request.body : request.body?.text ?? '';
    const stamp = Date.now();
    const left = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/server${new URL(url).pathname}.json`, query: `at=${stamp}` });
    const right = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/request${new URL(url).pathname}.json`, query: `at=${stamp}` });
    this.compareContents.set(left.toString(), withFinalNewline(displayBody(current).body));
    this.compareContents.set(right.toString(), withFinalNewline(prettyJson(body)));
    const etag = current.responseHeaders['etag'] ?? 'no ETag';
    await vscode.commands.executeCommand('vscode.diff', left, right, `Server (${etag}) ↔ Your request body`, { preview: false });
  }

  private async urlOf(target: FailureTarget): Promise<string | undefined> {
    if (target.failure) return target.failure.result.url;
    const { document, request } = target;
    const resolved = await this.deps.executor.resolve(this.deps.documents.source(document), request, this.deps.environments.current, readExecutorSettings(document.uri));
    if (resolved.ok) return resolved.request.url;
    return refuse(resolved.errors.map((e) => e.message).join('\n'));
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
  }
}

/** Both sides end the same way, so the diff shows no "no newline at end of file" noise. */
function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    }, { once: true });
  });
}
