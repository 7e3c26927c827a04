/**
 * Preconditions that were broken before they left: a `{{template}}` sent literally, an
 * unquoted or malformed tag, `*` mixed with tags, a date that is not an HTTP-date.
 */
import type { EntityTagList } from '../preconditions/entityTag';
import { explainInvalidHttpDate } from '../preconditions/httpDate';
import { rewriteAsHttpDate } from '../preconditions/lenientDate';
import type { PreconditionHeaderName, PreconditionHeaders } from '../preconditions/preconditionHeaders';
import type { DiagnosisFacts } from './facts';
import { joinAnd } from './format';
import type { Finding } from './ranking';

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

const HEADER_FIELDS: ReadonlyArray<readonly [PreconditionHeaderName, keyof PreconditionHeaders]> = [
  ['If-Match', 'ifMatch'],
  ['If-None-Match', 'ifNoneMatch'],
  ['If-Unmodified-Since', 'ifUnmodifiedSince'],
  ['If-Modified-Since', 'ifModifiedSince'],
  ['If-Range', 'ifRange'],
];

function templatesIn(text: string): string[] {
  return [...text.matchAll(TEMPLATE)].map((match) => match[1]);
}

function unresolvedFindings(facts: DiagnosisFacts): Finding[] {
  const findings: Finding[] = [];
  const located = new Set<string>();
  for (const [header, field] of HEADER_FIELDS) {
    const value = facts.preconditions[field];
    if (value === undefined) continue;
    const names = templatesIn(value);
    if (names.length === 0) continue;
    names.forEach((name) => located.add(name));
    findings.push({
      id: 'malformed-precondition',
      score: 95,
      evidence: [
        `${header} was sent as the literal text ${value}: ${names.length === 1 && value.trim().startsWith('{{') && value.trim().endsWith('}}') ? 'the variable' : joinAnd(names.map((n) => `{{${n}}}`))} did not resolve, so the server compared that text with its current validator.`,
        names.some((n) => n.includes('.response.'))
          ? 'Send the named request it refers to first (its response fills the reference), or check the request name and header name.'
          : 'Define the variable in the selected environment or as a file variable (@name = value).',
      ],
    });
  }
  const elsewhere: string[] = [];
  for (const [name, value] of Object.entries(facts.failed.requestHeaders)) {
    if (HEADER_FIELDS.some(([header]) => header.toLowerCase() === name.toLowerCase())) continue;
    for (const template of templatesIn(value)) {
      located.add(template);
      elsewhere.push(`{{${template}}} in ${name}`);
    }
  }
  for (const [where, text] of [['the URL', facts.failed.url], ['the body', facts.failed.requestBody ?? '']] as const) {
    for (const template of templatesIn(text)) {
      located.add(template);
      elsewhere.push(`{{${template}}} in ${where}`);
    }
  }
  const unplaced = (facts.input.unresolvedVariables ?? []).filter((name) => !located.has(name));
  if (elsewhere.length > 0 || unplaced.length > 0) {
    const parts = [...elsewhere, ...unplaced.map((name) => `{{${name}}}`)];
    findings.push({
      id: 'malformed-precondition',
      score: 40,
      evidence: [`The request also sent unresolved variables literally: ${joinAnd(parts)}.`],
    });
  }
  return findings;
}

function tagListFindings(header: 'If-Match' | 'If-None-Match', value: string, list: EntityTagList): Finding[] {
  const findings: Finding[] = [];
  if (list.starMixedWithTags) {
    findings.push({
      id: 'malformed-precondition',
      score: 90,
      evidence: [`${header}: ${value} mixes * with entity tags: the field is either * alone or a list of tags (RFC 9110 §13.1), so servers reject or misread it.`],
    });
  }
  for (const problem of list.problems) {
    if (problem.text.includes('{{')) continue;
    const evidence = problem.kind === 'unquoted'
      ? `${header}: ${problem.text} is not an entity tag: it must be in double quotes (${problem.quoted}). An unquoted value never matches on a strict server.`
      : `${header}: ${problem.text} is not an entity tag: ${problem.problem}`;
    findings.push({ id: 'malformed-precondition', score: problem.kind === 'unquoted' ? 78 : 85, evidence: [evidence] });
  }
  return findings;
}

function dateFindings(facts: DiagnosisFacts, header: 'If-Unmodified-Since' | 'If-Modified-Since', value: string | undefined): Finding[] {
  if (value === undefined || value.includes('{{')) return [];
  const problem = explainInvalidHttpDate(value);
  if (problem === undefined) return [];
  const rewritten = rewriteAsHttpDate(value, { now: facts.input.now });
  // The deciding header for a write is If-Unmodified-Since unless If-Match takes over (§13.2.2).
  const decisive = header === 'If-Unmodified-Since' && facts.preconditions.ifMatch === undefined;
  const evidence = [
    `${header}: ${value} is not an HTTP-date. ${problem}`,
    `RFC 9110 says a server must ignore an invalid date, but some (nginx) answer 412 for one, and others ignore the precondition silently.`,
  ];
  if (rewritten) evidence.push(`As an HTTP-date it reads ${rewritten}.`);
  return [{ id: 'malformed-precondition', score: decisive ? 80 : 35, evidence }];
}

export function syntaxFindings(facts: DiagnosisFacts): Finding[] {
  const { preconditions } = facts;
  return [
    ...unresolvedFindings(facts),
    ...(facts.ifMatch && preconditions.ifMatch !== undefined ? tagListFindings('If-Match', preconditions.ifMatch, facts.ifMatch) : []),
    ...(facts.ifNoneMatch && preconditions.ifNoneMatch !== undefined ? tagListFindings('If-None-Match', preconditions.ifNoneMatch, facts.ifNoneMatch) : []),
    ...dateFindings(facts, 'If-Unmodified-Since', preconditions.ifUnmodifiedSince),
    ...dateFindings(facts, 'If-Modified-Since', preconditions.ifModifiedSince),
  ];
}
