/**
 * Signs that something between the client and the origin changed what the client saw:
 * cache headers, a 412 served from a cache, a tag that differs between the identity and
 * the compressed representation.
 */
import type { SendResult } from '../http/types';
import { isWeak, opaqueOf } from '../preconditions/entityTag';
import type { DiagnosisFacts } from './facts';
import { formatInstant, headerOf, joinAnd } from './format';
import type { Finding } from './ranking';

/** Headers caches, CDNs and proxies add; quoted as evidence exactly as received. */
const INTERMEDIARY_HEADERS = ['via', 'age', 'x-cache', 'x-cache-status', 'x-cache-hits', 'cf-cache-status', 'x-served-by', 'x-varnish'];

const TITLE_CASE: Readonly<Record<string, string>> = {
  via: 'Via',
  age: 'Age',
  'x-cache': 'X-Cache',
  'x-cache-status': 'X-Cache-Status',
  'x-cache-hits': 'X-Cache-Hits',
  'cf-cache-status': 'CF-Cache-Status',
  'x-served-by': 'X-Served-By',
  'x-varnish': 'X-Varnish',
};

/** `Via: 1.1 varnish`, `Age: 37`, … for every intermediary header the response carries. */
export function intermediaryHeaders(result: SendResult | undefined): string[] {
  const found: string[] = [];
  for (const name of INTERMEDIARY_HEADERS) {
    const value = headerOf(result?.responseHeaders, name);
    if (value !== undefined) found.push(`${TITLE_CASE[name]}: ${value}`);
  }
  return found;
}

/**
 * A stored copy answered: `Age` above zero (RFC 9111 §5.1), or a cache's own HIT marker.
 * `Age: 0` alone only says a cache was on the path.
 */
export function servedFromCache(result: SendResult | undefined): boolean {
  const age = Number(headerOf(result?.responseHeaders, 'age') ?? '0');
  if (Number.isFinite(age) && age > 0) return true;
  // Varnish's hit marker: X-Varnish names this request and the one that stored the object. A hit
  // within a second of storing has Age: 0 (seen against varnishd 7.1, test/unit/servers).
  if (/^\s*\d+\s+\d+\s*$/.test(headerOf(result?.responseHeaders, 'x-varnish') ?? '')) return true;
  return ['x-cache', 'x-cache-status', 'cf-cache-status'].some((name) => /\bHIT\b/i.test(headerOf(result?.responseHeaders, name) ?? ''));
}

export const CACHE_ADVICE = 'Bypass the cache for this check (Cache-Control: no-cache on the read, or the origin URL).';

function failedResponseFindings(facts: DiagnosisFacts): Finding[] {
  const headers = intermediaryHeaders(facts.failed);
  if (headers.length === 0) return [];
  if (servedFromCache(facts.failed)) {
    return [{
      id: 'intermediary-altered-validator',
      score: 88,
      evidence: [
        `The ${facts.failed.status} response itself came from a cache (${joinAnd(headers)}): the origin may never have evaluated this request's preconditions.`,
        CACHE_ADVICE,
      ],
    }];
  }
  return [{
    id: 'intermediary-altered-validator',
    score: 30,
    evidence: [`The ${facts.failed.status} response passed through an intermediary (${joinAnd(headers)}); caches and compressing proxies can hand out stale or rewritten entity tags.`],
  }];
}

/** Compares the identity probe with the probe that asked for the original Accept-Encoding. */
function probeComparisonFindings(facts: DiagnosisFacts): Finding[] {
  const identity = facts.input.probe;
  const encoded = facts.input.encodedProbe;
  const findings: Finding[] = [];
  const identityCoding = headerOf(identity?.responseHeaders, 'content-encoding');
  if (identity && identityCoding !== undefined && identityCoding.toLowerCase() !== 'identity') {
    findings.push({
      id: 'intermediary-altered-validator',
      score: 40,
      evidence: [`The identity probe came back with Content-Encoding: ${identityCoding} although it sent Accept-Encoding: identity: something on the path compresses regardless, so its ETag may not be the origin's identity tag.`],
    });
  }
  if (!identity || !encoded || encoded.status < 200 || encoded.status >= 300) return findings;
  const identityTag = headerOf(identity.responseHeaders, 'etag');
  const encodedTag = headerOf(encoded.responseHeaders, 'etag');
  const encodedCoding = headerOf(encoded.responseHeaders, 'content-encoding') ?? 'identity';
  const acceptEncoding = headerOf(encoded.requestHeaders, 'accept-encoding') ?? '(none)';
  if (identityTag === undefined || encodedTag === undefined || identityTag === encodedTag) return findings;
  const sentTags = facts.ifMatch?.items.map((item) => item.text) ?? [];
  const sentTheEncodedTag = sentTags.includes(encodedTag);
  const evidence = [
    `With Accept-Encoding: ${acceptEncoding} the server answered Content-Encoding: ${encodedCoding} and ETag: ${encodedTag}; with Accept-Encoding: identity it answered ETag: ${identityTag}. The tag depends on the content coding.`,
  ];
  if (sentTheEncodedTag) {
    evidence.push(`The If-Match value ${encodedTag} is the compressed representation's tag; the origin compares If-Match with ${identityTag}.`);
  }
  if (isWeak(encodedTag) && !isWeak(identityTag) && opaqueOf(encodedTag) === opaqueOf(identityTag)) {
    evidence.push(`Only the W/ prefix differs: compression weakened the strong tag (the nginx gzip filter, Cloudflare and Envoy do this).`);
  }
  // Just below the If-Match analysis (90), so its plainer "you sent X, the origin holds Y" leads.
  findings.push({ id: 'intermediary-altered-validator', score: sentTheEncodedTag ? 89 : 45, evidence });
  return findings;
}

/**
 * The probe says the server still holds the tag the origin just refused, and a cache answered
 * the probe: what it saw is the cached copy, not the origin's version. Varnish's built-in VCL
 * ignores the probe's `Cache-Control: no-cache`, so this is the usual shape of a 412 behind it.
 * Above "changed by another client" (90): the probe contradicts that one's premise.
 */
function cachedProbeFindings(facts: DiagnosisFacts): Finding[] {
  const probe = facts.input.probe;
  const probeTag = headerOf(probe?.responseHeaders, 'etag');
  if (!probe || probe.status < 200 || probe.status >= 300 || probeTag === undefined || !servedFromCache(probe)) return [];
  if (!(facts.ifMatch?.items.map((item) => item.text) ?? []).includes(probeTag)) return [];
  return [{
    id: 'intermediary-altered-validator',
    score: 92,
    evidence: [
      `The ${probe.method} probe was answered from a cache (${joinAnd(intermediaryHeaders(probe))}) with ${probeTag}, the tag the origin refused: the cache still serves a version the origin has replaced, and it ignored the probe's Cache-Control: no-cache.`,
      CACHE_ADVICE,
    ],
  }];
}

export function intermediaryFindings(facts: DiagnosisFacts): Finding[] {
  return [...failedResponseFindings(facts), ...probeComparisonFindings(facts), ...cachedProbeFindings(facts)];
}

/** Evidence that the response which delivered `tag` was a cached copy; empty when there is none. */
export function cachedDeliveryEvidence(delivery: { result: SendResult; at?: Date } | undefined, tag: string): string[] {
  if (delivery === undefined || !servedFromCache(delivery.result)) return [];
  const when = delivery.at ? ` at ${formatInstant(delivery.at.getTime())}` : '';
  return [`The response that delivered ${tag} (${delivery.result.method} ${delivery.result.status}${when}) came from a cache: ${joinAnd(intermediaryHeaders(delivery.result))}.`];
}
