import type { ValueSource } from '../lint/findings';
import { opaqueOf } from '../preconditions/entityTag';
import { isWeakEntityTag, resourceVersionOf } from '../validators/resourceVersion';
import type { StoredValidator } from '../validators/storedValidator';

/**
 * Which If-Match fixes to offer after a 412 (or on a weak-tag lint), and which one is
 * preferred. The rule: a preferred fix must lead to a 2xx, and a fix that would refuse or
 * bring the same 412 back is not offered at all.
 */
export type IfMatchFix = 'replace' | 'resend-named' | 'fetch';

export interface IfMatchFixInput {
  source: ValueSource | undefined;
  /** The freshest tag known, when the value can be edited to it. */
  replaceWith?: string;
  /** The request a `{{name.response…}}` names exists in this file. */
  namedRequestExists: boolean;
  /** The tag sent depends on the response's content coding (see isEncodingDependentTag). */
  encodingDependent: boolean;
}

export function planIfMatchFixes(input: IfMatchFixInput): Array<{ fix: IfMatchFix; preferred: boolean }> {
  const plan: Array<{ fix: IfMatchFix; preferred: boolean }> = [];
  if (input.replaceWith) plan.push({ fix: 'replace', preferred: true });
  // Re-sending the named request asks with the same Accept-Encoding and gets the same weak or
  // suffixed tag back: the resend would fail again.
  if (input.source?.kind === 'response-reference' && input.namedRequestExists && !input.encodingDependent) {
    plan.push({ fix: 'resend-named', preferred: plan.length === 0 });
  }
  // Fetches with Accept-Encoding: identity, so it is the fix that converges for a coding-dependent tag.
  plan.push({ fix: 'fetch', preferred: !plan.some((entry) => entry.preferred) });
  return plan;
}

/**
 * True when the tag is one the server would not accept in If-Match because of the
 * response's content coding: a weak tag (nginx gzip), a coding suffix (Apache `-gzip`),
 * or a tag recorded with a content coding for this resource.
 */
export function isEncodingDependentTag(sent: string | undefined, record: StoredValidator | undefined): boolean {
  if (!sent) return false;
  if (isWeakEntityTag(sent.trim())) return true;
  // resourceVersionOf drops a coding suffix; if that changed the opaque part, there was one.
  if (resourceVersionOf(sent) !== opaqueOf(sent.trim())) return true;
  return record?.representations.some((r) => r.etag === sent && r.contentEncoding !== undefined) ?? false;
}
