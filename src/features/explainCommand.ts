import * as vscode from 'vscode';
import { Commands, FixTitles } from '../ids';
import type { Diagnosis } from '../core/diagnosis/types';
import type { OnFirstUse } from '../core/lazy/onFirstUse';
import type { ExchangeHistory } from '../core/send/exchangeHistory';
import type { RequestPath } from '../core/send/requestPath';
import type { ValidatorStore } from '../core/validators/validatorStore';
import type * as DiagnosisCode from '../lazy/diagnosis';
import { withCancellableProgress } from './cancellableProgress';
import { refuse } from './errors';
import type { FailureLocator, FailureTarget } from './failures';
import type { ReportButton, ReportPanel } from './reportPanel';
import { readDiagnosisSettings, readExecutorSettings, type RedactionFor } from './settings';

interface Dependencies {
  failures: FailureLocator;
  history: ExchangeHistory;
  validators: ValidatorStore;
  path: RequestPath;
  report: ReportPanel;
  log: vscode.LogOutputChannel;
  /** The diagnosis and report code, loaded on the first explain. */
  diagnosisCode: OnFirstUse<typeof DiagnosisCode>;
  redaction: RedactionFor;
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
    const { explainFailure, renderDiagnosisReport } = this.deps.diagnosisCode.get();

    const { diagnosis, probes } = await withCancellableProgress(`Explaining ${failed.status} of ${failed.method} ${failed.url}`, (signal) => {
      const options = { ...readExecutorSettings(target.document.uri), signal, probe: settings.probe === 'always' };
      return explainFailure({ path: this.deps.path, validators: this.deps.validators, history: this.deps.history }, failed, options);
    });
    if (probes.probe) this.deps.failures.recordProbe(failed.url, probes.probe, 'identity probe');
    if (probes.encodedProbe) this.deps.failures.recordProbe(failed.url, probes.encodedProbe, "probe with the request's Accept-Encoding");
    this.deps.failures.recordDiagnosis(failed.url, diagnosis);
    const markdown = renderDiagnosisReport({
      diagnosis,
      failed,
      record: this.deps.validators.get(failed.url),
      probe: probes.probe,
      requestName: target.request.name,
      now: new Date(),
      redaction: this.deps.redaction(target.document.uri),
    });
    const subject = { documentKey: target.document.uri.toString(), requestLine: target.request.requestLine.span.line, failedStatus: failed.status };
    await this.deps.report.show(`Explain ${failed.status}: ${target.request.name ?? failed.method}`, markdown, this.buttons(target), subject);
    this.deps.log.info(`explained ${failed.status} of ${failed.method} ${failed.url}: ${diagnosis.causes.map((c) => `${c.id} (${c.likelihood})`).join(', ')}`);
    return diagnosis;
  }

  /** The same fixes as the quick-fix menu, so the primary button is one that leads to a 2xx. */
  private buttons(target: FailureTarget): ReportButton[] {
    const line = target.request.requestLine.span.line;
    const args = [target.document.uri, line];
    const failed = target.failure?.result;
    const hasIfMatch = failed?.requestHeaders['if-match'] !== undefined;
    const fix: ReportButton = hasIfMatch
      ? { title: FixTitles.fetchAndUpdateIfMatch, command: Commands.fetchEtagAndUpdateIfMatch, args: [...args, target.document.version] }
      : { title: FixTitles.fetchAndAddIfMatch, command: Commands.fetchEtagAndAddIfMatch, args: [...args, target.document.version] };
    return [
      fix,
      { title: 'Refresh & Retry', command: Commands.refreshAndRetry, args },
      { title: 'Compare with server', command: Commands.compareWithServer, args },
      { title: 'Export trace', command: Commands.exportTrace, args, keepWhenResolved: true },
    ];
  }

  dispose(): void {
    this.registration.dispose();
  }
}
