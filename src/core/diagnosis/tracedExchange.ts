/**
 * One exchange as the trace and the HAR see it: the SendResult and when it arrived. Both
 * exports read only the copy RedactionPolicy.result makes of it.
 */
import type { SendResult } from '../http/types';

export interface TracedExchange {
  result: SendResult;
  /** When the response arrived (local clock); ExchangeHistory's `RecordedExchange.at` fits. */
  at?: Date;
  /** "probe", "retry 2", a request name… */
  label?: string;
}

export function asTracedExchange(exchange: SendResult | TracedExchange): TracedExchange {
  return 'result' in exchange ? exchange : { result: exchange };
}

/** Start of the exchange: arrival minus duration. */
export function startedAt(exchange: TracedExchange): Date | undefined {
  return exchange.at === undefined ? undefined : new Date(exchange.at.getTime() - Math.max(0, exchange.result.durationMs));
}
