import type { OutgoingRequest } from '../http/types';
import type { ParsedHttpFile, ParsedRequest, ParseProblem, Span } from '../parser/types';
import { findVariableReferences } from '../parser/variableReferences';
import { resolveReference, type ReferenceContext, type ResolutionScope } from './resolveReference';

export type { ReferenceContext, ResolutionScope } from './resolveReference';

export interface ResolveOptions extends ReferenceContext {
  /** Reads `< ./file` bodies; paths are relative to the .http file's folder. */
  readBodyFile?: (relativePath: string) => Promise<Uint8Array>;
}

/**
 * `secretValues`: what the request took from the private env file, `.env` or the process
 * environment (resolved values, as they appear on the wire), for the redaction policy.
 */
export type ResolvedRequest =
  | { ok: true; request: OutgoingRequest; name?: string; secretValues: string[] }
  | { ok: false; errors: ParseProblem[]; method: string; url: string; secretValues: string[] };

/**
 * Turns a parsed request into what goes on the wire. Every problem (a parse error,
 * an unresolved `{{…}}`, a header with a line break) is reported with its position
 * and nothing is sent.
 */
export function resolveRequest(file: ParsedHttpFile, request: ParsedRequest, options: ResolveOptions): Promise<ResolvedRequest> {
  return resolveRequestInScope(request, createResolutionScope(file, options), options.readBodyFile);
}

/** resolveRequest with the file's scope already built: sending many requests of one file builds it once. */
export async function resolveRequestInScope(
  request: ParsedRequest,
  fileScope: ResolutionScope,
  readBodyFile?: ResolveOptions['readBodyFile'],
): Promise<ResolvedRequest> {
  const errors: ParseProblem[] = [...request.errors];
  // Per request: the file's scope is shared by every request of a Send All.
  const secretValues: string[] = [];
  const scope: ResolutionScope = { ...fileScope, secretValues };
  const method = request.requestLine.method.text;

  let url = '';
  for (const part of request.requestLine.urlParts) url += substituteVariables(part.text, part.span, scope, errors);
  const headers: Array<[string, string]> = request.headers.map((header) => [
    substituteVariables(header.name.text, header.name.span, scope, errors),
    '',
  ]);
  // The Host value is resolved again with the other headers below; errors are reported there, once.
  const hostValue = (index: number) =>
    substituteVariables(request.headers[index].value.text, request.headers[index].value.span, scope, []);
  url = completeUrl(url, headers, hostValue);
  checkUrl(url, request, errors);

  // One scope for everything after the URL: {{$etag}} in a header or the body means this URL's tag.
  const urlScope: ResolutionScope = { ...scope, requestUrl: url };
  const substitute = (text: string, span: Span) => substituteVariables(text, span, urlScope, errors);
  request.headers.forEach((header, index) => {
    const value = substitute(header.value.text, header.value.span);
    headers[index][1] = value;
    checkHeader(headers[index][0], value, header.line, errors);
  });

  const body = await resolveBody(request, readBodyFile, substitute, errors);
  if (errors.length > 0) return { ok: false, errors, method, url, secretValues };
  return { ok: true, request: { method, url, headers, body }, name: request.name, secretValues };
}

/** Everything `{{…}}` can refer to in one file; later file variables win over earlier ones. */
export function createResolutionScope(file: ParsedHttpFile, context: ReferenceContext): ResolutionScope {
  const fileVariables = new Map<string, string>();
  for (const variable of file.fileVariables) fileVariables.set(variable.name.text, variable.value.text);
  return { context, fileVariables };
}

/**
 * Replaces each `{{…}}` in `text`, which starts at `span` in the document, so that an
 * error can underline exactly the reference that failed.
 */
/**
 * Only what the file itself defines: enough to tell where a header value comes from
 * when what was actually sent is already known.
 */
export function fileOnlyScope(file: ParsedHttpFile): ResolutionScope {
  return createResolutionScope(file, {
    environment: {},
    requestNames: new Set(),
    namedExchange: () => undefined,
    now: () => new Date(),
    random: Math.random,
    processEnv: {},
    dotenv: {},
    lookupEnvironment: () => undefined,
  });
}

export function substituteVariables(text: string, span: Span, scope: ResolutionScope, errors: ParseProblem[]): string {
  const references: { expression: string; span: Span }[] = [];
  findVariableReferences(text, span.line, 0, references);
  if (references.length === 0) return text;
  let result = '';
  let position = 0;
  for (const reference of references) {
    const start = reference.span.character;
    result += text.slice(position, start);
    const resolution = resolveReference(reference.expression, scope);
    const documentSpan = { line: span.line, character: span.character + start, length: reference.span.length };
    if ('error' in resolution) {
      errors.push({ message: `line ${span.line + 1}: ${resolution.error}`, span: documentSpan });
      result += text.slice(start, start + reference.span.length);
    } else {
      result += resolution.value;
    }
    position = start + reference.span.length;
  }
  return result + text.slice(position);
}

/** REST Client's conveniences: `/path` plus a Host header, and `host/path` without a scheme. */
function completeUrl(
  url: string,
  headers: Array<[string, string]>,
  headerValue: (index: number) => string,
): string {
  if (url.startsWith('/')) {
    const hostIndex = headers.findIndex(([name]) => name.toLowerCase() === 'host');
    if (hostIndex >= 0) {
      const host = headerValue(hostIndex).trim();
      return /^[a-z][\w+.-]*:\/\//i.test(host) ? `${host.replace(/\/$/, '')}${url}` : `http://${host}${url}`;
    }
    return url;
  }
  if (!/^[a-z][\w+.-]*:\/\//i.test(url) && /^[\w.-]+(:\d+)?(\/|$|\?)/.test(url)) {
    return `http://${url}`;
  }
  return url;
}

function checkUrl(url: string, request: ParsedRequest, errors: ParseProblem[]): void {
  if (request.errors.length > 0 || errors.length > 0) return;
  const line = request.requestLine.span.line;
  const problem = (message: string): void => {
    errors.push({ message: `line ${line + 1}: ${message}`, span: request.requestLine.span });
  };
  if (/[\r\n\0]/.test(url)) return problem('the URL contains a line break or NUL after variables were resolved; nothing was sent');
  if (url.startsWith('/')) return problem(`the URL '${url}' is relative: add a Host header or start it with {{baseUrl}}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return problem(`'${url}' is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problem(`'${parsed.protocol}' URLs can't be sent; use http:// or https://`);
}

function checkHeader(name: string, value: string, line: number, errors: ParseProblem[]): void {
  const at = { line, character: 0, length: name.length };
  if (/[\r\n\0]/.test(value)) {
    errors.push({ message: `line ${line + 1}: header '${name}' contains a line break or NUL after variables were resolved; it was refused to prevent header injection`, span: at });
  } else if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
    errors.push({ message: `line ${line + 1}: '${name}' is not a valid header name`, span: at });
  }
}

async function resolveBody(
  request: ParsedRequest,
  readBodyFile: ResolveOptions['readBodyFile'],
  substitute: (text: string, span: Span) => string,
  errors: ParseProblem[],
): Promise<string | Uint8Array | undefined> {
  const body = request.body;
  if (!body) return undefined;
  const reference = body.fileReference;
  if (!reference) {
    const lines = body.text.split('\n');
    // lineNumbers, when the parser left a handler line out: startLine + index then pointed at the wrong line (found by test/unit/fuzz).
    const lineOf = (index: number) => body.lineNumbers?.[index] ?? body.startLine + index;
    return lines.map((text, index) => substitute(text, { line: lineOf(index), character: 0, length: text.length })).join('\n');
  }
  const line = reference.path.span.line;
  if (!readBodyFile) {
    errors.push({ message: `line ${line + 1}: body files can't be read here`, span: reference.path.span });
    return undefined;
  }
  try {
    const bytes = await readBodyFile(reference.path.text);
    if (!reference.processVariables) return bytes;
    const text = new TextDecoder(reference.encoding ?? 'utf-8').decode(bytes);
    const firstFileError = errors.length;
    const substituted = substitute(text, { line, character: 0, length: 0 });
    // A position inside the file means nothing in this document (and ran past the `<@` line,
    // found by test/unit/fuzz): point at the file's path instead.
    for (let index = firstFileError; index < errors.length; index++) {
      errors[index] = { message: `${errors[index].message} (in body file '${reference.path.text}')`, span: reference.path.span };
    }
    return substituted;
  } catch (error) {
    errors.push({ message: `line ${line + 1}: can't read body file '${reference.path.text}': ${(error as Error).message}`, span: reference.path.span });
    return undefined;
  }
}
