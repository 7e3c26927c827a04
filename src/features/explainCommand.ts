import * as vscode from 'vscode';
import { Commands } from '../ids';
import { diagnosePreconditionFailure } from '../core/diagnosis/diagnosePreconditionFailure';
import { probeForDiagnosis } from '../core/diagnosis/probeForDiagnosis';
import { renderDiagnosisReport } from '../core/diagnosis/report';
import type { Diagnosis } from '../core/diagnosis/types';
import type { HttpClient } from '../core/http/client';
import type { SendResult } from '../core/http/types';
import type { ValidatorStore } from '../core/validators/validatorStore';
import { showActionableError } from './errors';
import type { FailureLocator, FailureTarget } from './failures';
import type { ReportButton, ReportPanel } from './reportPanel';
import { readDiagnosisSettings, readExecutorSettings } from './settings';

interface Dependencies {
  failures: FailureLocator;
  validators: ValidatorStore;
  client: HttpClient;
  report: ReportPanel;
  log: vscode.LogOutputChannel;
}

/**
 * "Explain this 412": probe the server (safe methods only, unless turned off), rank
 * the causes with evidence, and open the report with its follow-up actions.
 */
export class ExplainCommand implements vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly deps: Dependencies) {
    this.registration = vscode.commands.registerCommand(Commands.explainFailure, (uri?: unknown, line?: unknown) => this.explain(uri, line));
  }

  async explain(uriArgument?: unknown, lineArgument?: unknown): Promise<Diagnosis | undefined> {
    const target = await this.deps.failures.locate(uriArgument, lineArgument);
    if (!target) return refuse('Put the cursor in a request that got a 412 or 428, then run Explain this 412.');
    const failure = target.failure;
    if (!failure) return refuse('This request has not received a 412 or 428 in this session: send it first, then explain.');
    const failed = failure.result;
    const settings = readDiagnosisSettings(target.document.uri);

    const probes = settings.probe === 'always' ? await this.probe(target, failed) : {};
    const record = this.deps.validators.get(failed.url);
    const earlier = this.deps.failures
      .exchangesFor(failed.url)
      .filter((exchange) => exchange.result !== failed && exchange.at <= failure.at)
      .map((exchange) => ({ result: exchange.result, at: exchange.at }));
    const diagnosis = diagnosePreconditionFailure({
      failed,
      history: record?.history ?? [],
      record,
      probe: probes.probe,
      encodedProbe: probes.encodedProbe,
      now: new Date(),
      unresolvedVariables: unresolvedIn(failed),
      failedAt: failure.at,
      earlierExchanges: earlier,
    });
    this.deps.failures.recordDiagnosis(failed.url, diagnosis);
    const markdown = renderDiagnosisReport({
      diagnosis,
      failed,
      record: this.deps.validators.get(failed.url),
      probe: probes.probe,
      requestName: target.request.name,
      now: new Date(),
      redaction: settings.redaction,
    });
    await this.deps.report.show(`Explain ${failed.status}: ${target.request.name ?? failed.method}`, markdown, this.buttons(target));
    this.deps.log.info(`explained ${failed.status} of ${failed.method} ${failed.url}: ${diagnosis.causes.map((c) => `${c.id} (${c.likelihood})`).join(', ')}`);
    return diagnosis;
  }

  private async probe(target: FailureTarget, failed: SendResult) {
    const probes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Asking ${failed.url} for its current validators`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return probeForDiagnosis(this.deps.client, failed, { ...readExecutorSettings(target.document.uri), signal: controller.signal });
      },
    );
    for (const [label, probe] of [['identity probe', probes.probe], ['probe with the request\'s Accept-Encoding', probes.encodedProbe]] as const) {
      if (!probe) continue;
      if (probe.status !== 0) this.deps.validators.recordResponse(probe);
      this.deps.failures.recordProbe(failed.url, probe, label);
    }
    return probes;
  }

  private buttons(target: FailureTarget): ReportButton[] {
    const args = [target.document.uri, target.request.requestLine.span.line];
    return [
      { title: 'Fetch fresh ETag and update If-Match', command: Commands.fetchEtagAndUpdateIfMatch, args },
      { title: 'Refresh & Retry', command: Commands.refreshAndRetry, args },
      { title: 'Compare with server', command: Commands.compareWithServer, args },
      { title: 'Export trace', command: Commands.exportTrace, args },
    ];
  }

  dispose(): void {
    this.registration.dispose();
  }
}

/** Names of `{{…}}` that went out literally: the classic silent 412. */
function unresolvedIn(result: SendResult): string[] {
  const names = new Set<string>();
  for (const value of [...Object.values(result.requestHeaders), result.url]) {
    for (const match of value.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) names.add(match[1]);
  }
  return [...names];
}

function refuse(message: string): undefined {
  showActionableError(message);
  return undefined;
}
