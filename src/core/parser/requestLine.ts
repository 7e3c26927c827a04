import { isRegexSpace } from './characters';
import { skipSpaces, trimmedEnd } from './lineIndex';
import type { ParseProblem, RequestLine } from './types';

/** Methods we send. Others written in capitals are sent as-is (e.g. PURGE), since servers define their own. */
export const KNOWN_METHODS = new Set([
  'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT',
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'QUERY',
]);

/** Protocols other tools put in `.http` files; we recognise them to say so rather than send them as HTTP. */
const OTHER_PROTOCOLS = new Set(['GRPC', 'WS', 'WSS', 'SSE', 'MQTT', 'AMQP', 'GRAPHQL']);

/**
 * A trailing ` HTTP/1.1` in `text` (which ends in a non-space): what comes before it, the
 * whitespace in between and the version. Linear: the former `/^(.*?)(\s+)(HTTP…)$/` retried the
 * whitespace run from every position of it, so a URL with 100k spaces inside took minutes.
 */
export function splitHttpVersion(text: string): { before: string; gap: string; version: string } | undefined {
  const space = findHttpVersion(text, 0, text.length);
  if (space < 0) return undefined;
  const gapStart = startOfSpaceRun(text, 0, space);
  return { before: text.slice(0, gapStart), gap: text.slice(gapStart, space + 1), version: text.slice(space + 1) };
}

/**
 * Where `/\s(HTTP\/\d(?:\.\d)?)$/i` matches text[start, end): the offset of its whitespace, or -1.
 * By index, because the request line is read once per request and a regex there allocated a
 * match and two strings each time (bench/: parse.10k). The two forms end in a digit after '.'
 * or after '/', so at most one of them matches.
 */
function findHttpVersion(text: string, start: number, end: number): number {
  const space = text.charCodeAt(end - 2) === 46 /* . */ ? end - 9 : end - 7;
  if (space < start || !isRegexSpace(text.charCodeAt(space))) return -1;
  // `| 32` lower-cases an ASCII letter: /i matches only H/h, T/t, P/p here.
  const isHttp = (text.charCodeAt(space + 1) | 32) === 104 && (text.charCodeAt(space + 2) | 32) === 116
    && (text.charCodeAt(space + 3) | 32) === 116 && (text.charCodeAt(space + 4) | 32) === 112 && text.charCodeAt(space + 5) === 47;
  if (!isHttp || !isDigit(text.charCodeAt(space + 6))) return -1;
  return space + 7 === end || (text.charCodeAt(space + 7) === 46 && isDigit(text.charCodeAt(space + 8))) ? space : -1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The start of the run of whitespace that ends just after `last` (which is whitespace), not before `start`. */
function startOfSpaceRun(text: string, start: number, last: number): number {
  let at = last;
  while (at > start && isRegexSpace(text.charCodeAt(at - 1))) at--;
  return at;
}

/**
 * The request line in text[start, lineEnd), characters counted from `start`; problems are added
 * to `errors`. Reads what `/^(\s*)(\S+)(?:(\s+)([^]+))?$/` read on the line without its trailing
 * whitespace, by index (bench/: parse.10k). `\S`/`\s` and `trim()` agree on what whitespace is,
 * U+2028 and U+2029 included: when `.` refused them, every URL position after an indent was off
 * (found by test/unit/fuzz).
 */
export function readRequestLine(text: string, start: number, lineEnd: number, line: number, errors: ParseProblem[]): RequestLine {
  const end = trimmedEnd(text, start, lineEnd);
  const firstStart = skipSpaces(text, start, end);
  let firstEnd = firstStart;
  while (firstEnd < end && !isRegexSpace(text.charCodeAt(firstEnd))) firstEnd++;
  const hasRest = firstEnd < end;
  const restStart = hasRest ? skipSpaces(text, firstEnd, end) : end;
  const indent = firstStart - start;
  const first = text.slice(firstStart, firstEnd);
  const upper = first.toUpperCase();
  const known = KNOWN_METHODS.has(upper);

  const hasMethod = hasRest && (known || /^[A-Z][A-Z0-9_-]*$/.test(first));
  const bareMethod = !hasRest && known;
  const implicitMethod = !(hasMethod || bareMethod);
  let method = implicitMethod ? 'GET' : first;
  // Where the URL is written: after the method, or the whole line when the method was left out.
  const urlFrom = hasMethod ? restStart : implicitMethod ? firstStart : end;
  let urlStart = hasMethod ? restStart - start : implicitMethod ? indent : lineEnd - start;
  let urlEnd = end;
  let httpVersion: RequestLine['httpVersion'];

  const versionSpace = findHttpVersion(text, urlFrom, end);
  if (versionSpace >= 0) {
    httpVersion = {
      text: text.slice(versionSpace + 1, end),
      span: { line, character: urlStart + versionSpace + 1 - urlFrom, length: end - versionSpace - 1 },
    };
    urlEnd = startOfSpaceRun(text, urlFrom, versionSpace);
  }
  const urlText = text.slice(urlFrom, urlEnd);
  if (hasMethod && known) method = upper;

  const problem = checkRequestLine(first, upper, hasRest, hasMethod && !known, implicitMethod, urlText);
  if (problem !== undefined) {
    const message = problem === RESPONSE_STATUS_LINE ? `'${text.slice(firstStart, end)}' ${problem}` : problem;
    errors.push({ message: `line ${line + 1}: ${message}`, span: { line, character: indent, length: end - start - indent } });
    if (urlText === '' && problem === NO_URL) urlStart = end - start;
  }

  return {
    span: { line, character: indent, length: Math.max(0, end - start - indent) },
    method: { text: method, span: { line, character: indent, length: implicitMethod ? 0 : first.length } },
    implicitMethod,
    url: urlText,
    urlParts: [{ text: urlText, span: { line, character: urlStart, length: urlText.length } }],
    httpVersion,
  };
}

const RESPONSE_STATUS_LINE = 'is a response status line, not a request';
const NO_URL = 'request line has no URL';

/** What is wrong with a request line, if anything; the first problem only. */
function checkRequestLine(
  first: string,
  upper: string,
  hasRest: boolean,
  unknownMethod: boolean,
  implicitMethod: boolean,
  urlText: string,
): string | undefined {
  if (/^HTTP\/\d/i.test(first)) return RESPONSE_STATUS_LINE;
  if (OTHER_PROTOCOLS.has(upper) && hasRest) return `${upper} requests are not HTTP; only HTTP requests can be sent`;
  if (urlText === '') return NO_URL;
  if (unknownMethod && /\s/.test(urlText)) return `'${first}' is not an HTTP method, and a URL cannot contain spaces`;
  if (implicitMethod && /\s/.test(urlText)) return `'${first}' is not an HTTP method (expected e.g. GET, PUT, PATCH)`;
  return undefined;
}
