/**
 * The "Explain this 412" report as Markdown: what probably happened, why we think so,
 * what to do, and the facts to check it against (validators sent vs held, the URL's
 * timeline, the exchange itself). Everything it quotes goes through the redaction policy
 * first: people share screenshots of reports.
 */
import type { SendResult } from '../http/types';
import { formatHttpDate } from '../preconditions/httpDate';
import type { StoredValidator } from '../validators/storedValidator';
import type { ValidatorObservation } from '../validators/types';
import { headerOf } from './format';
import { capText, cell, codeBlock, escapeText, table } from './markdown';
import { RedactionPolicy } from '../redaction/redactionPolicy';
import { stepsFor } from './reportSteps';
import { CAUSE_TITLES, type Diagnosis } from './types';

export interface ReportAction {
  title: string;
  /** A link target, e.g. a `command:` URI the VS Code side builds. */
  href: string;
}

export interface ReportInput {
  diagnosis: Diagnosis;
  failed: SendResult;
  record?: StoredValidator;
  probe?: SendResult;
  requestName?: string;
  now: Date;
  /** Rendered as a line of links under the summary (apply fix, Refresh & Retry, Compare, Export trace). */
  actions?: ReportAction[];
  /** The session's policy (settings and secret values); the built-in rules alone when absent. */
  redaction?: RedactionPolicy;
}

const REPORT_BODY_CHARS = 2_000;

function summary(input: ReportInput): string[] {
  const { diagnosis, failed } = input;
  const name = input.requestName ? ` (request ${escapeText(input.requestName)})` : '';
  const url = failed.url;
  const top = diagnosis.causes[0];
  const status = failed.statusText ? `${diagnosis.status} ${escapeText(failed.statusText)}` : String(diagnosis.status);
  const lines = [`# ${status}: ${escapeText(failed.method)} ${escapeText(url)}${name}`, ''];
  // The evidence is listed under cause 1 just below; quoting its first bullet here said it twice.
  if (top) lines.push(`**Most likely: ${CAUSE_TITLES[top.id]}** (${top.likelihood} likelihood); the evidence is under cause 1.`);
  const current = [
    diagnosis.freshEtag ? `current ETag ${cell(diagnosis.freshEtag)}` : undefined,
    diagnosis.freshLastModified ? `current Last-Modified ${cell(diagnosis.freshLastModified)}` : undefined,
  ].filter(Boolean);
  lines.push('', `Explained at ${formatHttpDate(input.now)}${current.length > 0 ? `; ${current.join(', ')}` : ''}.`);
  if (input.actions && input.actions.length > 0) {
    lines.push('', input.actions.map((a) => `[${escapeText(a.title)}](${a.href.replace(/[()\s]/g, encodeURIComponent)})`).join(' · '));
  }
  return lines;
}

function causesSection(diagnosis: Diagnosis): string[] {
  const lines = ['## Causes, most likely first'];
  diagnosis.causes.forEach((cause, index) => {
    lines.push('', `### ${index + 1}. ${CAUSE_TITLES[cause.id]} (${cause.likelihood})`, '');
    for (const sentence of cause.evidence) lines.push(`- ${escapeText(sentence)}`);
  });
  return lines;
}

function stepsSection(input: ReportInput): string[] {
  const lines = ['## What to do'];
  for (const cause of input.diagnosis.causes) {
    const steps = stepsFor(cause, input);
    if (steps.length === 0) continue;
    lines.push('', `### ${CAUSE_TITLES[cause.id]}`, '');
    steps.forEach((step, index) => lines.push(`${index + 1}. ${escapeText(step)}`));
  }
  return lines;
}

/** `If-Match: "a"; If-None-Match: *` for the headers of `names` the request sent. */
function sentCell(headers: Readonly<Record<string, string>>, names: ReadonlyArray<readonly [string, string]>): string {
  const sent = names.flatMap(([lower, display]) => {
    const value = headerOf(headers, lower);
    return value === undefined ? [] : [`${display}: ${value}`];
  });
  return sent.length === 0 ? '—' : sent.map((text) => cell(text)).join('; ');
}

function validatorsSection(input: ReportInput): string[] {
  const sent = input.failed.requestHeaders;
  const now = input.probe?.responseHeaders;
  const record = input.record;
  const probeLabel = input.probe ? `Server now (${input.probe.method} ${input.probe.status})` : 'Server now (no probe)';
  const rows: string[][] = [
    ['ETag', sentCell(sent, [['if-match', 'If-Match'], ['if-none-match', 'If-None-Match']]), cell(headerOf(now, 'etag')), cell(record?.etag)],
    ['Last-Modified', sentCell(sent, [['if-unmodified-since', 'If-Unmodified-Since'], ['if-modified-since', 'If-Modified-Since']]), cell(headerOf(now, 'last-modified')), cell(record?.lastModified)],
    ['Content coding', sentCell(sent, [['accept-encoding', 'Accept-Encoding']]), cell(headerOf(now, 'content-encoding') ?? (input.probe ? 'identity' : undefined)), cell(record ? (record.contentEncoding ?? 'identity') : undefined)],
    ['Clock', cell(`local ${formatHttpDate(input.now)}`), cell(headerOf(now, 'date') && `Date: ${headerOf(now, 'date')}`), cell(record?.serverDate && `Date: ${record.serverDate}`)],
  ];
  // A row nobody has a value for is noise.
  const shown = rows.filter((row) => row.slice(1).some((value) => value !== '—'));
  const lines = ['## Sent vs. the server now', '', table(['Validator', 'Request sent', probeLabel, 'Last recorded'], shown)];
  const others = record?.representations.filter((r) => r.etag !== record.etag) ?? [];
  if (others.length > 0) {
    lines.push('', 'Other representations recorded for this URL:', '');
    for (const r of others) {
      lines.push(`- ${escapeText(r.contentEncoding ?? 'identity')}: ETag ${cell(r.etag)}, Last-Modified ${cell(r.lastModified)}, seen ${reportTime(r.observedAt)}`);
    }
  }
  return lines;
}

function timelineSection(input: ReportInput): string[] {
  const history = input.record?.history ?? [];
  const lines = ['## Timeline of this URL', ''];
  if (history.length === 0 && !input.probe) return [...lines, 'No observation of this URL is recorded.'];
  const probe = input.probe;
  // The store records the probe's response too: that observation is the probe, not a second row.
  const newest = history[0];
  const probeRecorded = probe !== undefined && newest !== undefined && isProbeObservation(newest, probe);
  const rows = [...history].reverse().map((o) => {
    const time = reportTime(o.observedAt);
    return [probeRecorded && o === newest ? `${time} (probe)` : time, escapeText(o.method), String(o.status), cell(o.etag), cell(o.lastModified)];
  });
  if (probe && !probeRecorded) {
    rows.push([`${formatHttpDate(input.now)} (probe)`, escapeText(probe.method), String(probe.status), cell(headerOf(probe.responseHeaders, 'etag')), cell(headerOf(probe.responseHeaders, 'last-modified'))]);
  }
  return [...lines, table(['Time (local clock)', 'Method', 'Status', 'ETag', 'Last-Modified'], rows)];
}

function isProbeObservation(observation: ValidatorObservation, probe: SendResult): boolean {
  return (
    observation.method === probe.method &&
    observation.status === probe.status &&
    observation.etag === headerOf(probe.responseHeaders, 'etag') &&
    observation.lastModified === headerOf(probe.responseHeaders, 'last-modified')
  );
}

/**
 * Every time in the report in the form of the Last-Modified and Date values beside it
 * (IMF-fixdate), so they compare at a glance; an ISO string next to them made the reader convert.
 */
function reportTime(iso: string): string {
  const epoch = Date.parse(iso);
  return Number.isNaN(epoch) ? escapeText(iso) : formatHttpDate(epoch);
}

function exchangeSection(input: ReportInput): string[] {
  const result = input.failed;
  const request = [`${result.method} ${result.url}`, ...Object.entries(result.requestHeaders).map(([n, v]) => `${n}: ${v}`)];
  if (result.requestBody) request.push('', capText(result.requestBody, REPORT_BODY_CHARS));
  const response = [`HTTP/1.1 ${result.status} ${result.statusText}`.trimEnd(), ...Object.entries(result.responseHeaders).map(([n, v]) => `${n}: ${v}`)];
  if (result.bodyText) response.push('', capText(result.bodyText, REPORT_BODY_CHARS));
  return ['## Request and response', '', codeBlock(request.join('\n'), 'http'), '', codeBlock(response.join('\n'), 'http')];
}

/**
 * The input with every quoted value redacted, once: the sections below then can't forget it.
 * Steps are built from the redacted exchange and diagnosis, so they can't quote a secret either.
 */
function redactInput(input: ReportInput): ReportInput {
  const policy = input.redaction ?? new RedactionPolicy();
  return {
    ...input,
    diagnosis: policy.diagnosis(input.diagnosis),
    failed: policy.result(input.failed),
    ...(input.probe ? { probe: policy.result(input.probe) } : {}),
    ...(input.requestName ? { requestName: policy.text(input.requestName) } : {}),
  };
}

export function renderDiagnosisReport(raw: ReportInput): string {
  const input = redactInput(raw);
  const sections = [summary(input), causesSection(input.diagnosis), stepsSection(input), validatorsSection(input), timelineSection(input), exchangeSection(input)];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
