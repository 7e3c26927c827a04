import { diagnosePreconditionFailure } from './diagnosePreconditionFailure';
import { probeForDiagnosis, type DiagnosisProbes, type ProbeOptions } from './probeForDiagnosis';
import type { Diagnosis } from './types';
import type { HttpSender } from '../http/client';
import type { SendResult } from '../http/types';
import type { ExchangeHistory } from '../send/exchangeHistory';
import type { ValidatorStore } from '../validators/validatorStore';

export interface ExplainDependencies {
  client: HttpSender;
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
  const probes: DiagnosisProbes = options.probe ? await probeForDiagnosis(deps.client, failed, options) : {};
  // What the probe saw is the freshest thing known about the URL: the next run's {{$etag}} should have it.
  for (const probe of [probes.probe, probes.encodedProbe]) if (probe && probe.status !== 0) deps.validators.recordResponse(probe);
  const exchanges = deps.history.recent().filter((exchange) => exchange.result.url === failed.url);
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
