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
    const holding = current === undefined ? '' : `, ETag ${current}`;
    return [{
      id: 'etag-mismatch',
      score: exists ? 82 : 55,
      evidence: [
        exists
          ? `If-None-Match: * means "only if no representation exists" (create-only), and the resource exists (${currentSource(facts)}${holding}): the condition was false.`
          : 'If-None-Match: * means "only if no representation exists" (create-only); the server says one exists.',
        'Another client, or an earlier run of this request, created it. To change it, send If-Match with its current ETag instead.',
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
