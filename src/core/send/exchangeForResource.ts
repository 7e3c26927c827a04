import type { RecordedExchange } from './exchangeHistory';

/**
 * The request behind a Validators row: the newest exchange whose URL is that resource,
 * optionally only a failed one. The tree knows URLs, the commands it reuses want the
 * .http file and line that sent it.
 */
export function latestExchangeFor(
  newestFirst: readonly RecordedExchange[],
  resourceUrl: string,
  normalize: (url: string) => string | undefined,
  wanted: (exchange: RecordedExchange) => boolean = () => true,
): RecordedExchange | undefined {
  return newestFirst.find((exchange) => exchange.result.url !== '' && normalize(exchange.result.url) === resourceUrl && wanted(exchange));
}

/** What Explain this 412 can explain (CONTRACTS: 412, 428, and a 409 to a conditional write). */
export function isPreconditionFailure(exchange: RecordedExchange): boolean {
  return [409, 412, 428].includes(exchange.result.status);
}
