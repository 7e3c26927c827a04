/**
 * What the server said about its own 412 in its own dialect: Azure Storage error codes,
 * RFC 9457 problem details, and the WebDAV `If` header. These sentences support the
 * top cause rather than standing alone; with no cause at all they are the raw facts.
 */
import { isWeak } from '../preconditions/entityTag';
import type { DiagnosisFacts } from './facts';
import { headerOf, truncate } from './format';
import { isSecretName } from '../redaction/names';
import { odataErrorSentence, operationOutcomeSentence, xmlErrorSentence } from './errorBodies';

const QUOTE_LIMIT = 300;
const PROBLEM_MEMBERS = new Set(['type', 'title', 'detail', 'message', 'error', 'instance', 'status']);

/** First line of `<Message>` in an Azure XML error body. */
function azureMessage(body: string): string | undefined {
  const match = /<Message>([\s\S]*?)<\/Message>/i.exec(body);
  return match ? match[1].split('\n')[0].trim() : undefined;
}

function azureHints(facts: DiagnosisFacts): string[] {
  const code = headerOf(facts.failed.responseHeaders, 'x-ms-error-code');
  if (code === undefined) return [];
  const message = azureMessage(facts.failed.bodyText) ?? facts.failed.statusText;
  const hints = [`Azure Storage reported x-ms-error-code: ${code}${message ? ` ("${truncate(message, QUOTE_LIMIT)}")` : ''}.`];
  if (/lease/i.test(code)) {
    hints.push('This 412 is about a lease, not an entity tag: send the x-ms-lease-id of the active lease, or break it.');
  } else if (code !== 'ConditionNotMet' && /ConditionNotMet$/.test(code)) {
    hints.push(`This 412 is about an x-ms-… condition header (${code}), not If-Match.`);
  } else {
    if (headerOf(facts.failed.responseHeaders, 'etag') === undefined) {
      hints.push('Azure does not send the current ETag with a 412; only a fresh GET or HEAD tells it.');
    }
    if (facts.ifMatch?.items.some((item) => isWeak(item.text))) hints.push('Azure Blob never matches a W/ tag in If-Match: send the strong tag.');
  }
  return hints;
}

function problemHints(facts: DiagnosisFacts): string[] {
  const type = headerOf(facts.failed.responseHeaders, 'content-type') ?? '';
  if (!/\bjson\b|\+json/i.test(type)) return [];
  let document: unknown;
  try {
    document = JSON.parse(facts.failed.bodyText);
  } catch {
    return [];
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return [];
  const fields = document as Record<string, unknown>;
  const dialect = operationOutcomeSentence(fields) ?? odataErrorSentence(fields);
  if (dialect !== undefined) return [dialect];
  const quoted = (name: string) => (typeof fields[name] === 'string' ? `${name} "${truncate(fields[name] as string, QUOTE_LIMIT)}"` : undefined);
  const main = ['title', 'detail', 'message', 'error'].map(quoted).filter((part): part is string => part !== undefined);
  if (main.length === 0) return [];
  // Extension members often name the failing header or the tag the server compared (RFC 9457 §3.2).
  const extras = Object.entries(fields)
    .filter(([name, value]) => typeof value === 'string' && !PROBLEM_MEMBERS.has(name) && !isSecretName(name))
    .slice(0, 4)
    .map(([name, value]) => `${name}: ${truncate(value as string, 80)}`);
  const kind = /problem\+json/i.test(type) ? 'problem details' : 'error body';
  return [`The server's ${kind}: ${main.join(', ')}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}.`];
}

/** S3-style XML errors; Azure's (with x-ms-error-code) are azureHints'. */
function xmlHints(facts: DiagnosisFacts): string[] {
  if (headerOf(facts.failed.responseHeaders, 'x-ms-error-code') !== undefined) return [];
  if (!/xml/i.test(headerOf(facts.failed.responseHeaders, 'content-type') ?? '')) return [];
  const sentence = xmlErrorSentence(facts.failed.bodyText);
  return sentence === undefined ? [] : [sentence];
}

/**
 * A 412 that names the current version itself (some servers send ETag or Last-Modified with it):
 * the freshest word from the origin, and what the diagnosis offers as the fresh validator when
 * no probe could read the resource.
 */
function failedResponseValidatorHints(facts: DiagnosisFacts): string[] {
  const etag = headerOf(facts.failed.responseHeaders, 'etag');
  const lastModified = headerOf(facts.failed.responseHeaders, 'last-modified');
  if (etag === undefined && lastModified === undefined) return [];
  const parts = [etag && `ETag ${etag}`, lastModified && `Last-Modified ${lastModified}`].filter(Boolean);
  return [`The ${facts.failed.status} response itself names the current version: ${parts.join(', ')}.`];
}

function webDavHints(facts: DiagnosisFacts): string[] {
  const value = headerOf(facts.failed.requestHeaders, 'if');
  if (value === undefined) return [];
  const hints = [
    `The request sent the WebDAV If header (If: ${truncate(value, QUOTE_LIMIT)}); WebDAV servers answer 412 when none of its state lists match: a lock token that is not current, or an entity tag in [brackets] that differs (RFC 4918 §10.4).`,
  ];
  const tags = [...value.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1].trim());
  const current = facts.current?.etag;
  if (tags.length > 0 && current !== undefined && !tags.includes(current)) {
    hints.push(`The If header names ${tags.join(', ')}; the current ETag is ${current}.`);
  }
  return hints;
}

function probeHints(facts: DiagnosisFacts): string[] {
  const probe = facts.input.probe;
  if (probe === undefined || facts.current?.source === 'probe' || facts.resourceGone) return [];
  if (probe.status === 0) return [`The probe ${probe.method} got no response (${probe.error ?? 'unknown error'}), so the server's current validators are unknown.`];
  if (probe.status >= 200 && probe.status < 300) return [];
  return [`The probe ${probe.method} got ${probe.status} ${probe.statusText}`.trim() + ', so the server\'s current validators are unknown.'];
}

export function serverHints(facts: DiagnosisFacts): string[] {
  return [...azureHints(facts), ...xmlHints(facts), ...problemHints(facts), ...failedResponseValidatorHints(facts), ...webDavHints(facts), ...probeHints(facts)];
}
