import { diagnosePreconditionFailure } from './diagnosePreconditionFailure';
import { probeForDiagnosis, type DiagnosisProbes, type ProbeOptions } from './probeForDiagnosis';
import type { Diagnosis } from './types';
import type { SendResult } from '../http/types';
import type { ExchangeHistory } from '../send/exchangeHistory';
import type { RequestPath } from '../send/requestPath';
import type { ValidatorStore } from '../validators/validatorStore';

export interface ExplainDependencies {
  /** Probes leave through it, with the failed request's credentials; it records what they saw. */
  path: RequestPath;
  validators: ValidatorStore;
  history: ExchangeHistory;
}

export interface Explanation {
  diagnosis: Diagnosis;
  probes: DiagnosisProbes;
}

/**
 * "Explain this 412", for the editor and the command line alike: probe the server (HEAD,
 * else GET: safe methods only) unless told not to, record what the probes saw, and rank
 * the causes from the session's history and the validator store.
 */
export async function explainFailure(deps: ExplainDependencies, failed: SendResult, options: ProbeOptions & { probe: boolean }): Promise<Explanation> {
  // The request path records what the probes saw: the next run's {{$etag}} has it.
  const probes: DiagnosisProbes = options.probe ? await probeForDiagnosis(deps.path, failed, options) : {};
  // Every exchange with the resource, through whichever URL: a read through one signed URL and
  // a write through another are one timeline (the store keys them as one resource).
  const resource = deps.validators.keyOf(failed.url);
  const exchanges = deps.history
    .recent()
    .filter((exchange) => exchange.result.url === failed.url || (resource !== undefined && deps.validators.keyOf(exchange.result.url) === resource));
  const failedAt = exchanges.find((exchange) => exchange.result === failed)?.at;
  const record = deps.validators.get(failed.url);
  const diagnosis = diagnosePreconditionFailure({
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
  return { diagnosis, probes };
}

/** Names of `{{…}}` that went out literally: the classic silent 412. */
function unresolvedIn(result: SendResult): string[] {
  const names = new Set<string>();
  for (const value of [...Object.values(result.requestHeaders), result.url]) {
    for (const match of value.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) names.add(match[1]);
  }
  return [...names];
}
