/**
 * The trace a user sends to the API provider: every exchange like `curl -v` prints it,
 * the diagnosis, and a curl line to reproduce, with secrets redacted. Validators, dates
 * and cache headers stay intact: they are what the provider needs to see.
 */
import { toCurlCommand } from '../http/curl';
import type { SendResult } from '../http/types';
import { formatDuration } from './format';
import { capText, codeBlock, codeSpan, escapeText } from './markdown';
import { REDACTED, RedactionPolicy } from '../redaction/redactionPolicy';
import { asTracedExchange, startedAt, type TracedExchange } from './tracedExchange';
import { CAUSE_TITLES, type Diagnosis } from './types';

export type { TracedExchange } from './tracedExchange';

export const DEFAULT_TRACE_BODY_CHARS = 4_000;

export interface TraceInput {
  exchanges: Array<SendResult | TracedExchange>;
  diagnosis?: Diagnosis;
  environmentName?: string;
  extensionVersion?: string;
  now: Date;
  /** The session's policy (settings and secret values); the built-in rules alone when absent. */
  redaction?: RedactionPolicy;
  /** Body characters shown per request or response. */
  maxBodyChars?: number;
}

/** Headers curl computes itself; copying them would be wrong once a body is redacted. */
const CURL_SKIPS = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);

function requestTarget(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url);
  return match ? match[1] || '/' : url;
}

function wireText(result: SendResult, maxBody: number): string {
  const lines = [`> ${result.method} ${requestTarget(result.url)} HTTP/1.1`];
  for (const [name, value] of Object.entries(result.requestHeaders)) lines.push(`> ${name}: ${value}`);
  lines.push('>');
  if (result.requestBody) lines.push(capText(result.requestBody, maxBody));
  lines.push('');
  if (result.status === 0) {
    lines.push(`< (no response: ${result.error ?? 'unknown error'})`);
    return lines.join('\n');
  }
  lines.push(`< HTTP/1.1 ${result.status} ${result.statusText}`.trimEnd());
  for (const [name, value] of Object.entries(result.responseHeaders)) lines.push(`< ${name}: ${value}`);
  lines.push('<');
  if (result.bodyText) lines.push(capText(result.bodyText, maxBody));
  return lines.join('\n');
}

/** A `curl -v` line for the redacted request: secrets appear as [redacted] and must be filled in by hand. */
export function curlLine(redacted: SendResult): string {
  const headers = Object.entries(redacted.requestHeaders).filter(([name]) => !CURL_SKIPS.has(name.toLowerCase()));
  const command = toCurlCommand({ method: redacted.method, url: redacted.url, headers, body: redacted.requestBody });
  return command.startsWith('curl ') ? `curl -v ${command.slice(5)}` : command;
}

function exchangeSection(exchange: TracedExchange, index: number, policy: RedactionPolicy, maxBodyChars: number): string {
  const result = policy.result(exchange.result);
  const outcome = result.status === 0 ? 'no response' : `${result.status} ${result.statusText}`.trim();
  const label = exchange.label ? ` (${escapeText(exchange.label)})` : '';
  const started = startedAt(exchange);
  const facts = [
    `- Started: ${started ? started.toISOString() : 'not recorded'}`,
    `- Completed: ${exchange.at ? exchange.at.toISOString() : 'not recorded'}`,
    `- Duration: ${traceDuration(result.durationMs)}`,
  ];
  const curl = curlLine(result);
  if (result.error) facts.push(`- Error: ${escapeText(result.error)}`);
  return [
    `## ${index}. ${escapeText(result.method)} ${escapeText(result.url)} → ${escapeText(outcome)}${label}`,
    '',
    ...facts,
    '',
    codeBlock(wireText(result, maxBodyChars), 'http'),
    '',
    // Asking to fill in values that are all there sends the reader looking for what isn't.
    curl.includes(REDACTED) ? 'Reproduce (fill in the redacted values):' : 'Reproduce:',
    '',
    codeBlock(curl, 'sh'),
  ].join('\n');
}

/**
 * Milliseconds to a tenth, the precision a provider compares timings at; the rounded
 * form is added only when it says something new (seconds and up), never "17.0 ms (17 ms)".
 */
export function traceDuration(ms: number): string {
  const precise = `${ms.toFixed(1)} ms`;
  return Math.abs(ms) < 1000 ? precise : `${precise} (${formatDuration(ms)})`;
}

/** Evidence quotes URLs and header values as sent: it goes through the policy like the exchanges. */
function diagnosisSection(raw: Diagnosis, policy: RedactionPolicy): string {
  const diagnosis = policy.diagnosis(raw);
  const lines = [`## Diagnosis of the ${diagnosis.status}`, ''];
  diagnosis.causes.forEach((cause, index) => {
    lines.push(`${index + 1}. **${CAUSE_TITLES[cause.id]}** (\`${cause.id}\`, ${cause.likelihood} likelihood)`);
    for (const sentence of cause.evidence) lines.push(`   - ${escapeText(sentence)}`);
  });
  if (diagnosis.freshEtag || diagnosis.freshLastModified) lines.push('');
  if (diagnosis.freshEtag) lines.push(`- Current ETag: ${codeSpan(diagnosis.freshEtag)}`);
  if (diagnosis.freshLastModified) lines.push(`- Current Last-Modified: ${codeSpan(diagnosis.freshLastModified)}`);
  return lines.join('\n');
}

export function renderRedactedTrace(input: TraceInput): string {
  const maxBodyChars = input.maxBodyChars ?? DEFAULT_TRACE_BODY_CHARS;
  const policy = input.redaction ?? new RedactionPolicy();
  const exchanges = input.exchanges.map(asTracedExchange);
  const header = [
    '# Precondition Doctor trace',
    '',
    `- Generated: ${input.now.toISOString()}`,
    ...(input.environmentName ? [`- Environment: ${escapeText(input.environmentName)}`] : []),
    ...(input.extensionVersion ? [`- Precondition Doctor ${escapeText(input.extensionVersion)}`] : []),
    `- Exchanges: ${exchanges.length}`,
    `- Redacted: ${escapeText(policy.describe())}. Each value is replaced with [redacted]; bodies are capped at ${maxBodyChars} characters.`,
  ];
  const sections = [header.join('\n')];
  if (input.diagnosis) sections.push(diagnosisSection(input.diagnosis, policy));
  exchanges.forEach((exchange, index) => sections.push(exchangeSection(exchange, index + 1, policy, maxBodyChars)));
  return `${sections.join('\n\n')}\n`;
}
