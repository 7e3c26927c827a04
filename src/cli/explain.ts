import { diagnosePreconditionFailure } from '../core/diagnosis/diagnosePreconditionFailure';
import { probeForDiagnosis, type ProbeOptions } from '../core/diagnosis/probeForDiagnosis';
import type { Diagnosis } from '../core/diagnosis/types';
import type { HttpClient } from '../core/http/client';
import type { SendResult } from '../core/http/types';
import type { ExchangeHistory } from '../core/send/exchangeHistory';
import type { ValidatorStore } from '../core/validators/validatorStore';

export interface ExplainDependencies {
  client: HttpClient;
  validators: ValidatorStore;
  history: ExchangeHistory;
}

/**
 * "Explain this 412" without the editor: the same probe (HEAD, else GET: safe methods
 * only) and the same ranking as the report, fed from this run's history and the
 * validators file.
 */
export async function explainFailure(deps: ExplainDependencies, failed: SendResult, options: ProbeOptions & { probe: boolean }): Promise<Diagnosis> {
  const probes = options.probe ? await probeForDiagnosis(deps.client, failed, options) : {};
  // What the probe saw is the freshest thing known about the URL: the next run's {{$etag}} should have it.
  for (const probe of [probes.probe, probes.encodedProbe]) if (probe && probe.status !== 0) deps.validators.recordResponse(probe);
  const exchanges = deps.history.recent().filter((exchange) => exchange.result.url === failed.url);
  const failedAt = exchanges.find((exchange) => exchange.result === failed)?.at;
  const record = deps.validators.get(failed.url);
  return diagnosePreconditionFailure({
    failed,
    history: record?.history ?? [],
    record,
    probe: probes.probe,
    encodedProbe: probes.encodedProbe,
    now: new Date(),
    unresolvedVariables: unresolvedIn(failed),
    failedAt,
    earlierExchanges: exchanges
      .filter((exchange) => exchange.result !== failed && (failedAt === undefined || exchange.at <= failedAt))
      .map((exchange) => ({ result: exchange.result, at: exchange.at })),
  });
}

/** Names of `{{…}}` that went out literally: the classic silent 412. */
function unresolvedIn(result: SendResult): string[] {
  const names = new Set<string>();
  for (const value of [...Object.values(result.requestHeaders), result.url]) {
    for (const match of value.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) names.add(match[1]);
  }
  return [...names];
}
