import type { ParseProblem, RequestLine } from './types';

/** Methods we send. Others written in capitals are sent as-is (e.g. PURGE), since servers define their own. */
export const KNOWN_METHODS = new Set([
  'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT',
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'QUERY',
]);

/** Protocols other tools put in `.http` files; we recognise them to say so rather than send them as HTTP. */
const OTHER_PROTOCOLS = new Set(['GRPC', 'WS', 'WSS', 'SSE', 'MQTT', 'AMQP', 'GRAPHQL']);

// Matched against the line without its trailing whitespace. `[^]`, not `.`: U+2028 and U+2029 are
// ordinary characters on an editor's line, and when `.` refused them the request line fell back
// to column 0 and every URL position after an indent was off (found by test/unit/fuzz).
const LINE = /^(\s*)(\S+)(?:(\s+)([^]+))?$/;

/**
 * A trailing ` HTTP/1.1` in `text` (which ends in a non-space): what comes before it, the
 * whitespace in between and the version. Linear: the former `/^(.*?)(\s+)(HTTP…)$/` retried the
 * whitespace run from every position of it, so a URL with 100k spaces inside took minutes.
 */
export function splitHttpVersion(text: string): { before: string; gap: string; version: string } | undefined {
  const match = /\s(HTTP\/\d(?:\.\d)?)$/i.exec(text);
  if (!match) return undefined;
  let gapStart = match.index;
  while (gapStart > 0 && /\s/.test(text[gapStart - 1])) gapStart--;
  return { before: text.slice(0, gapStart), gap: text.slice(gapStart, match.index + 1), version: match[1] };
}

export function parseRequestLine(text: string, line: number): { requestLine: RequestLine; errors: ParseProblem[] } {
  const errors: ParseProblem[] = [];
  const match = LINE.exec(text.trimEnd()) ?? ['', '', '', undefined, undefined];
  const indent = match[1].length;
  const first = match[2];
  const rest = match[4];
  const upper = first.toUpperCase();
  const at = (character: number, length: number) => ({ line, character, length });
  const problem = (message: string) =>
    errors.push({ message: `line ${line + 1}: ${message}`, span: at(indent, text.trimEnd().length - indent) });

  const hasMethod = rest !== undefined && (KNOWN_METHODS.has(upper) || /^[A-Z][A-Z0-9_-]*$/.test(first));
  const bareMethod = rest === undefined && KNOWN_METHODS.has(upper);
  let method = hasMethod || bareMethod ? first : 'GET';
  const implicitMethod = !(hasMethod || bareMethod);
  let urlText = hasMethod ? rest! : bareMethod ? '' : text.trim();
  let urlStart = hasMethod ? indent + first.length + match[3]!.length : implicitMethod ? indent : text.length;
  let httpVersion: RequestLine['httpVersion'];

  const versioned = splitHttpVersion(urlText);
  if (versioned) {
    httpVersion = { text: versioned.version, span: at(urlStart + versioned.before.length + versioned.gap.length, versioned.version.length) };
    urlText = versioned.before;
  }
  if (hasMethod && KNOWN_METHODS.has(upper)) method = upper;

  if (/^HTTP\/\d/i.test(first)) {
    problem(`'${text.trim()}' is a response status line, not a request`);
  } else if (OTHER_PROTOCOLS.has(upper) && rest !== undefined) {
    problem(`${upper} requests are not HTTP; only HTTP requests can be sent`);
  } else if (urlText === '') {
    problem('request line has no URL');
    urlStart = text.trimEnd().length;
  } else if (hasMethod && !KNOWN_METHODS.has(upper) && /\s/.test(urlText)) {
    problem(`'${first}' is not an HTTP method, and a URL cannot contain spaces`);
  } else if (implicitMethod && /\s/.test(urlText)) {
    problem(`'${first}' is not an HTTP method (expected e.g. GET, PUT, PATCH)`);
  }

  const end = text.trimEnd().length;
  return {
    requestLine: {
      span: at(indent, Math.max(0, end - indent)),
      method: { text: method, span: implicitMethod ? at(indent, 0) : at(indent, first.length) },
      implicitMethod,
      url: urlText,
      urlParts: [{ text: urlText, span: at(urlStart, urlText.length) }],
      httpVersion,
    },
    errors,
  };
}
