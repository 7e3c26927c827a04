/**
 * Why an If-Match tag failed, judged against the tag the server holds now: another
 * version (someone changed it), the same value in another form (W/, quotes, case, a
 * coding suffix), or a tag this URL never issued.
 */
import { detectCodingSuffix, isWeak, relateEntityTags } from '../preconditions/entityTag';
import { isSameResourceVersion } from '../validators/resourceVersion';
import { changedFindings } from './changedCauses';
import { codingOfObservedTag, observationsOf, type DiagnosisFacts } from './facts';
import { describeObservation, headerOf, joinAnd } from './format';
import type { Finding } from './ranking';
import {
  currentSource,
  formDifferences,
  recentDistinctTags,
  sameVersionObservations,
  sightingSentence,
  whyCurrentUnknown,
} from './tagForms';

const STRONG_COMPARISON = 'If-Match compares entity tags strongly (RFC 9110 §13.1.1), so a W/ tag never matches.';
const COMPRESSORS = 'compression on the response path (the nginx gzip filter, Cloudflare, Envoy, HAProxy) turns a strong tag into W/…';

/** Evidence of where a weakened or suffixed tag was received, if the store or the encoded probe saw it. */
function alteredTagSightings(facts: DiagnosisFacts, sent: string): string[] {
  const evidence: string[] = [];
  const sighting = observationsOf(facts, sent)[0];
  if (sighting) evidence.push(sightingSentence(sent, sighting, codingOfObservedTag(facts, sent)));
  const encoded = facts.input.encodedProbe;
  if (encoded && headerOf(encoded.responseHeaders, 'etag') === sent && !sighting) {
    const coding = headerOf(encoded.responseHeaders, 'content-encoding') ?? 'identity';
    evidence.push(`The probe with Accept-Encoding: ${headerOf(encoded.requestHeaders, 'accept-encoding') ?? ''} got ${sent} back, with Content-Encoding: ${coding}.`);
  }
  return evidence;
}

function codingSuffixFindings(facts: DiagnosisFacts, sent: string, current: string | undefined): Finding[] {
  const suffix = detectCodingSuffix(sent);
  if (suffix === undefined) return [];
  const sightings = alteredTagSightings(facts, sent);
  const identity = current ?? `"${suffix.baseOpaque}"`;
  const opening = current === undefined
    ? `If-Match sent ${sent}, which ends in ${suffix.suffix}: the identity representation's tag is probably ${identity} (${whyCurrentUnknown(facts)}).`
    : `If-Match sent ${sent}; the identity representation's tag is ${current} (${currentSource(facts)}).`;
  return [{
    id: 'intermediary-altered-validator',
    score: current === undefined ? (sightings.length > 0 ? 80 : 72) : 92,
    evidence: [
      opening,
      `${sent} is that tag with ${suffix.suffix} appended, the way Apache mod_deflate (DeflateAlterETag AddSuffix) and mod_brotli mark a ${suffix.coding}-compressed response; the origin compares If-Match with the identity tag, so it fails.`,
      ...sightings,
      'Read the tag with Accept-Encoding: identity so you get the identity tag.',
    ],
  }];
}

function weakOnlyFindings(facts: DiagnosisFacts, sent: string, current: string): Finding[] {
  const source = currentSource(facts);
  if (isWeak(sent) && !isWeak(current)) {
    const sightings = alteredTagSightings(facts, sent);
    const opening = `If-Match sent ${sent}; the identity representation's tag is ${current} (${source}): the same opaque value, weakened.`;
    if (sightings.length > 0) {
      return [{
        id: 'intermediary-altered-validator',
        score: 90,
        evidence: [opening, ...sightings, `${capitalize(COMPRESSORS)}; ${STRONG_COMPARISON}`, 'Read the tag with Accept-Encoding: identity so you get the strong tag.'],
      }];
    }
    const differs = `If-Match sent ${sent} but the server's tag is ${current} (${source}): they differ only in the W/ prefix. ${STRONG_COMPARISON}`;
    if (facts.observations.length === 0) {
      return [
        { id: 'intermediary-altered-validator', score: 65, evidence: [opening, `No response from this URL is recorded; ${COMPRESSORS}. ${STRONG_COMPARISON}`] },
        { id: 'etag-mismatch', score: 60, evidence: [differs] },
      ];
    }
    return [
      { id: 'etag-mismatch', score: 84, evidence: [differs, `We never received ${sent} for this URL (we recorded ${joinAnd(recentDistinctTags(facts, 3))}), so the W/ was probably added by hand or copied from elsewhere.`] },
      { id: 'intermediary-altered-validator', score: 35, evidence: [`A W/ prefix is what ${COMPRESSORS}.`] },
    ];
  }
  if (!isWeak(sent) && isWeak(current)) {
    return [{
      id: 'etag-mismatch',
      score: 80,
      evidence: [
        `If-Match sent ${sent}, but the server's current tag is weak: ${current} (${source}); they differ only in the W/ prefix.`,
        `Strong comparison never matches a weak tag. APIs that only issue weak tags (Azure Table, Express by default) expect the W/ form back exactly as received: send If-Match: ${current}.`,
      ],
    }];
  }
  return [{
    id: 'etag-mismatch',
    score: 72,
    evidence: [
      `If-Match sent ${sent}, the server's current tag (${source}), but it is weak: under strong comparison a W/ tag never matches, so a strict origin answers 412 (nginx and Express compare leniently and would accept it).`,
      'This server issues only weak tags here: use If-Unmodified-Since instead, or ask the API for strong ETags.',
    ],
  }];
}

function formFinding(facts: DiagnosisFacts, sent: string, current: string, differences: string[]): Finding {
  const evidence = [
    `If-Match sent ${sent} but the server's tag is ${current} (${currentSource(facts)}): they differ only in ${joinAnd(differences)}. Entity tags compare character for character, quotes and W/ included.`,
  ];
  const sighting = observationsOf(facts, sent)[0];
  if (sighting) evidence.push(`The server itself sent ${sent} at ${describeObservation(sighting)}: it emits a different form from the one it compares against.`);
  return { id: 'etag-mismatch', score: 88, evidence };
}

function neverObservedFinding(facts: DiagnosisFacts, sent: string, current: string): Finding {
  const seen = recentDistinctTags(facts, 3);
  if (seen.length === 0) {
    return {
      id: 'etag-mismatch',
      score: 60,
      evidence: [`No response from this URL is recorded, so the If-Match tag ${sent} can't be traced to this server; it holds ${current} now (${currentSource(facts)}).`],
    };
  }
  return {
    id: 'etag-mismatch',
    score: 80,
    evidence: [
      `The tag sent in If-Match, ${sent}, was never received for this URL: we recorded ${joinAnd(seen)} here, and the server holds ${current} now (${currentSource(facts)}).`,
      'It may come from another resource, another environment, or an outdated copy of the file.',
    ],
  };
}

function goneFindings(facts: DiagnosisFacts, sent: string): Finding[] {
  const probe = facts.input.probe;
  const lastSeen = facts.observations.find((o) => o.status >= 200 && o.status < 300);
  const opening = `The probe ${probe?.method ?? ''} got ${probe?.status ?? ''}: the resource no longer exists, so If-Match ${sent} cannot match.`;
  if (lastSeen) {
    const tag = lastSeen.etag === undefined ? '' : `, ETag ${lastSeen.etag}`;
    return [{ id: 'changed-by-another-client', score: 88, evidence: [opening, `It existed at ${describeObservation(lastSeen)}${tag}: it was deleted after that, by another client or an earlier request.`] }];
  }
  return [{ id: 'changed-by-another-client', score: 65, evidence: [opening, 'No earlier response from this URL is recorded: it was deleted, or the URL is not the one the tag came from.'] }];
}

/** No current tag known: judge the sent tag by its form and by what the store saw. */
function withoutCurrentFindings(facts: DiagnosisFacts, sent: string): Finding[] {
  const unknown = `The server's current tag is unknown: ${whyCurrentUnknown(facts)}.`;
  const suffixed = codingSuffixFindings(facts, sent, undefined);
  if (suffixed.length > 0) return suffixed;
  if (isWeak(sent)) {
    const sightings = alteredTagSightings(facts, sent);
    const altered = sightings.length > 0 && codingOfObservedTag(facts, sent) !== undefined;
    return [{ id: 'intermediary-altered-validator', score: altered ? 80 : 60, evidence: [`If-Match sent the weak tag ${sent}. ${STRONG_COMPARISON}`, ...sightings, unknown] }];
  }
  const sightings = observationsOf(facts, sent);
  if (sightings.length > 0) {
    const last = sightings[0];
    const lastMs = Date.parse(last.observedAt);
    const newer = facts.observations.find((o) => o.etag !== undefined && !isSameResourceVersion(o.etag, sent) && Date.parse(o.observedAt) > lastMs);
    if (newer) {
      return [{
        id: 'changed-by-another-client',
        score: 85,
        evidence: [sightingSentence(sent, last, undefined), `Later, at ${describeObservation(newer)}, the server sent ${newer.etag}: the resource changed after the tag you sent was read.`, unknown],
      }];
    }
    return [{ id: 'changed-by-another-client', score: 55, evidence: [sightingSentence(sent, last, undefined), `${unknown} Another client probably changed the resource since; a probe would confirm.`] }];
  }
  const seen = recentDistinctTags(facts, 3);
  return [{
    id: 'etag-mismatch',
    score: seen.length > 0 ? 72 : 50,
    evidence: [seen.length > 0 ? `The If-Match tag ${sent} was never received for this URL: we recorded ${joinAnd(seen)} here.` : `No response from this URL is recorded, so the If-Match tag ${sent} can't be traced.`, unknown],
  }];
}

function analyzeTag(facts: DiagnosisFacts, sent: string): Finding[] {
  if (facts.resourceGone) return goneFindings(facts, sent);
  const current = facts.current?.etag;
  if (current === undefined) return withoutCurrentFindings(facts, sent);
  const relation = relateEntityTags(sent, current);
  if (relation === 'strong-match') {
    return [{ id: 'unknown', score: 20, evidence: [`If-Match ${sent} matches the current tag ${current} (${currentSource(facts)}): the resource may have changed back since the ${facts.failed.status}, or the ${facts.failed.status} came from another check.`] }];
  }
  if (relation === 'coding-suffix') return codingSuffixFindings(facts, sent, current);
  if (relation === 'weak-only') return weakOnlyFindings(facts, sent, current);
  const differences = formDifferences(sent, current);
  if (differences) return [formFinding(facts, sent, current, differences)];
  const findings = observationsOf(facts, sent).length > 0 || sameVersionObservations(facts, sent).length > 0
    ? changedFindings(facts, sent, current)
    : [neverObservedFinding(facts, sent, current)];
  return [...findings, ...alsoAlteredFindings(sent, current)];
}

/** Another version and a compressed form at once: fixing the version alone would fail again. */
function alsoAlteredFindings(sent: string, current: string): Finding[] {
  const suffix = detectCodingSuffix(sent);
  const weakened = isWeak(sent) && !isWeak(current);
  if (suffix === undefined && !weakened) return [];
  const form = suffix ? `ends in ${suffix.suffix}` : 'is weak (W/)';
  return [{
    id: 'intermediary-altered-validator',
    score: 50,
    evidence: [`The tag sent, ${sent}, also ${form}: it came from a compressed response, so even the fresh tag must be read with Accept-Encoding: identity to pass If-Match.`],
  }];
}

export function ifMatchFindings(facts: DiagnosisFacts): Finding[] {
  const list = facts.ifMatch;
  if (list === undefined) return [];
  if (list.isAny) {
    if (!facts.resourceGone) return [];
    return goneFindings(facts, '*').map((f) => ({ ...f, evidence: [`If-Match: * requires the resource to exist. ${f.evidence[0]}`, ...f.evidence.slice(1)] }));
  }
  // Unresolved templates and broken syntax are the syntax analyzer's; comparing them with a tag says nothing.
  const candidates = list.items.filter((item) => (item.kind === 'tag' || item.kind === 'unquoted') && !item.text.includes('{{'));
  const perTag = candidates.map((item) => analyzeTag(facts, item.text));
  // With several tags, one that matches now explains nothing about the others; keep every finding.
  return perTag.flat();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
