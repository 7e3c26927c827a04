/**
 * If-None-Match on a write fails when the resource exists (`*`) or when a listed tag
 * matches: the opposite of If-Match, and a common mix-up. On GET/HEAD it gives 304, not
 * 412, so only other methods are judged here.
 */
import { weakCompare } from '../preconditions/entityTag';
import type { DiagnosisFacts } from './facts';
import type { Finding } from './ranking';
import { currentSource } from './tagForms';

export function ifNoneMatchFindings(facts: DiagnosisFacts): Finding[] {
  const list = facts.ifNoneMatch;
  if (list === undefined || facts.method === 'GET' || facts.method === 'HEAD') return [];
  const probe = facts.input.probe;
  const current = facts.current?.etag;
  if (list.isAny) {
    if (facts.resourceGone) return [];
    const exists = facts.current !== undefined || (probe !== undefined && probe.status >= 200 && probe.status < 300);
    const found = probe !== undefined && probe.status >= 200 && probe.status < 300
      ? `the ${probe.method} probe found it: ${probe.status}${current === undefined ? '' : `, ETag ${current}`}`
      : `${currentSource(facts)}${current === undefined ? '' : `, ETag ${current}`}`;
    return [{
      id: 'already-exists',
      score: exists ? 86 : 60,
      evidence: [
        exists
          ? `If-None-Match: * means "only if no representation exists" (create-only), and the resource exists (${found}): the condition was false.`
          : `If-None-Match: * means "only if no representation exists" (create-only); the server's ${facts.failed.status} says one exists.`,
        whoCreatedIt(facts),
        'To change it, send If-Match with its current ETag instead; to keep both, create it under another name.',
      ],
    }];
  }
  if (current === undefined) return [];
  const matching = list.items.find((item) => item.kind === 'tag' && weakCompare(item.text, current));
  if (matching === undefined) return [];
  return [{
    id: 'etag-mismatch',
    score: 85,
    evidence: [
      `If-None-Match ${matching.text} matches the current tag ${current} (${currentSource(facts)}): If-None-Match succeeds only when none of its tags match.`,
      `To write only if the resource is unchanged, use If-Match: ${current}.`,
    ],
  }];
}

/**
 * Whether the existing resource looks like this client's own earlier attempt (a retried create
 * that had already gone through: same body) or someone else's, from this session's exchanges
 * with the resource and a probe that read the body.
 */
function whoCreatedIt(facts: DiagnosisFacts): string {
  const { failed, probe } = facts.input;
  const body = failed.requestBody;
  const method = failed.method.toUpperCase();
  const writes = (facts.input.earlierExchanges ?? []).filter(
    (e) => e.result.method.toUpperCase() === method && e.result.status >= 200 && e.result.status < 300,
  );
  const same = writes.find((e) => body !== undefined && e.result.requestBody === body);
  const when = (e: { at?: Date }) => (e.at ? ` at ${e.at.toISOString()}` : '');
  if (same) return `This session's own ${method} with the same body succeeded earlier${when(same)} (${same.result.status}): it looks like your own earlier attempt, already done.`;
  if (body !== undefined && probe?.method === 'GET' && probe.status >= 200 && probe.status < 300 && probe.bodyText === body) {
    return 'It holds exactly this request\'s body: it looks like your own earlier attempt (this run or an earlier one), already done.';
  }
  if (writes.length > 0) return `This session's own ${method}${when(writes[0])} (${writes[0].result.status}) created it with a different body.`;
  return `No successful ${method} of it with this body is recorded in this session: another client (or an earlier run) created it.`;
}
