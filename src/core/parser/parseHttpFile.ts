import { findVariableReferences } from './variableReferences';
import { parseRequestLine, splitHttpVersion } from './requestLine';
import type {
  FileVariable,
  MetadataLine,
  ParsedBody,
  ParsedHeader,
  ParsedHttpFile,
  ParsedRequest,
  ParseProblem,
  VariableReference,
} from './types';

/**
 * Parses a `.http`/`.rest` file the way REST Client and the JetBrains HTTP Client read it:
 * `###` separates blocks, each block holds at most one request. Never throws: anything
 * malformed becomes a problem on the request it belongs to, with a position.
 */
export function parseHttpFile(text: string): ParsedHttpFile {
  const lines = splitLines(text);
  const fileVariables: FileVariable[] = [];
  const requests: ParsedRequest[] = [];
  let blockStart = 0;
  let separatorTitle: string | undefined;
  let separatorLine: number | undefined;
  for (let line = 0; line <= lines.length; line++) {
    const atEnd = line === lines.length;
    if (!atEnd && !isSeparator(lines[line])) continue;
    if (line > blockStart || atEnd) {
      const request = parseBlock(lines, blockStart, line - 1, separatorTitle, fileVariables, requests.length);
      if (request) {
        // The `### title` line above a request names it, so it selects that request too.
        if (separatorLine !== undefined) request.startLine = separatorLine;
        requests.push(request);
      }
    }
    if (!atEnd) {
      separatorTitle = lines[line].replace(/^#{3,}/, '').trim() || undefined;
      separatorLine = line;
      blockStart = line + 1;
    }
  }
  return { requests, fileVariables, lineCount: lines.length };
}

/** Splits on CRLF, LF and lone CR, as editors do, so line numbers agree with theirs. */
export function splitLines(text: string): string[] {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A plain string split is several times faster than the regex one (bench/: 10k requests in < 100 ms).
  return withoutBom.includes('\r') ? withoutBom.split(/\r\n|\r|\n/) : withoutBom.split('\n');
}

function isSeparator(line: string): boolean {
  return line.startsWith('###');
}

const COMMENT = /^\s*(#|\/\/)/;
// METADATA and FILE_VARIABLE are matched against the line without its trailing whitespace, and
// end in `([^]*)$` where they ended in `(.*?)\s*$`: the lazy form retried `\s*$` from every
// position of a run of spaces inside the value, so a 100k-character line took minutes (found by
// test/unit/fuzz). `[^]` also reads U+2028/U+2029 as the ordinary characters an editor shows.
const METADATA = /^\s*(?:#|\/\/)\s*@([A-Za-z_][\w-]*)(?:\s*[=\s]\s*([^]*))?$/;
const FILE_VARIABLE = /^\s*@([A-Za-z_][\w.-]*)\s*=\s?([^]*)$/d;

/**
 * The parser's hot path skips its regexes for lines whose first character already rules
 * them out; these say which characters do. `\s` in the regexes above is exactly this set.
 */
function isRegexSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** RFC 9110 token characters: `!#$%&'*+-.^_\`|~`, digits and letters. */
const TOKEN_CHARS = new Uint8Array(128);
for (const char of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN_CHARS[char.charCodeAt(0)] = 1;

function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN_CHARS[code] === 1;
}

/**
 * `Name: value` on line `line`, exactly as `/^([token]+)[ \t]*:[ \t]*(.*?)\s*$/` reads it, without
 * the regex's per-character attempts at `\s*$` (the header line is the commonest line there is).
 */
function matchHeader(text: string, line: number): ParsedHeader | undefined {
  let nameEnd = 0;
  while (nameEnd < text.length && isTokenChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === 0) return undefined;
  let colon = nameEnd;
  while (text.charCodeAt(colon) === 32 || text.charCodeAt(colon) === 9) colon++;
  if (text.charCodeAt(colon) !== 58 /* : */) return undefined;
  let at = colon + 1;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  let valueEnd = text.length;
  while (valueEnd > at && isRegexSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
  const value = text.slice(at, valueEnd);
  // `.` matches neither U+2028 nor U+2029: a value with one inside is not a header line.
  if (value.includes('\u2028') || value.includes('\u2029')) return undefined;
  // An empty value is placed just after the colon. A value starting with ':' is where it is
  // written: searching for its text after the name found the separating colon instead
  // ('A : :' underlined column 2, not 4; found by test/unit/fuzz).
  const valueStart = value === '' ? colon + 1 : at;
  const name = text.slice(0, nameEnd);
  return {
    name: { text: name, span: { line, character: 0, length: nameEnd } },
    value: { text: value, span: { line, character: valueStart, length: value.length } },
    line,
  };
}

interface BlockState {
  lines: string[];
  line: number;
  end: number;
}

function parseBlock(
  lines: string[],
  start: number,
  end: number,
  separatorTitle: string | undefined,
  fileVariables: FileVariable[],
  index: number,
): ParsedRequest | undefined {
  const state: BlockState = { lines, line: start, end };
  const metadata: MetadataLine[] = [];
  const errors: ParseProblem[] = [];
  skipPreamble(state, metadata, fileVariables);
  if (state.line > end) return undefined;

  const requestLineNumber = state.line;
  const parsedLine = parseRequestLine(lines[requestLineNumber], requestLineNumber);
  errors.push(...parsedLine.errors);
  const requestLine = parsedLine.requestLine;
  state.line++;
  readUrlContinuations(state, requestLine);

  const headers = readHeaders(state, errors);
  const body = readBody(state);
  const variableReferences = collectVariableReferences(lines, requestLine.urlParts, headers, body, errors);
  const name = metadata.find((m) => m.key === 'name')?.value || separatorTitle;
  return {
    index,
    name: name || undefined,
    startLine: start,
    endLine: end,
    metadata,
    requestLine,
    headers,
    body,
    variableReferences,
    errors,
  };
}

/** Comments, metadata, file variables, blank lines and pre-request scripts before the request line. */
function skipPreamble(state: BlockState, metadata: MetadataLine[], fileVariables: FileVariable[]): void {
  const { lines } = state;
  while (state.line <= state.end) {
    const text = lines[state.line];
    // A line starting with a letter (but `import`/`run`) is none of the preamble kinds below: the request line.
    const first = text.charCodeAt(0);
    if (((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) && first !== 105 /* i */ && first !== 114 /* r */) return;
    const meta = METADATA.exec(text.trimEnd());
    if (meta) {
      metadata.push({ key: meta[1], value: meta[2] ?? '', line: state.line });
    } else if (text.trim() === '' || COMMENT.test(text)) {
      // nothing to keep
    } else if (FILE_VARIABLE.test(text.trimEnd())) {
      fileVariables.push(toFileVariable(text, state.line));
    } else if (/^[<>]\s*\{%/.test(text)) {
      skipScript(state, '%}');
    } else if (/^[<>]\s/.test(text) || /^(import|run)\s+\S/.test(text)) {
      // a pre-request script file (`< ./pre.js`), a resterm script line, or a kulala directive
    } else if (/^\{\{\s*(?:@\w+)?$/.test(text.trimEnd())) {
      // httpyac script block `{{ … }}` on lines of its own
      skipScript(state, '}}');
    } else {
      return;
    }
    state.line++;
  }
}

/** Leaves state.line on the script's closing line (or the block's end if it never closes). */
function skipScript(state: BlockState, terminator: string): void {
  if (state.lines[state.line].includes(terminator, 3)) return;
  while (state.line < state.end && !state.lines[state.line].trimStart().startsWith(terminator)) state.line++;
}

function toFileVariable(text: string, line: number): FileVariable {
  const match = FILE_VARIABLE.exec(text.trimEnd())!;
  const nameStart = text.indexOf('@') + 1;
  const value = match[2];
  // Where the regex found it: searching for the value's text found an earlier copy in '@a= =' (found by test/unit/fuzz).
  const valueStart = value ? match.indices![2][0] : text.length;
  return {
    name: { text: match[1], span: { line, character: nameStart, length: match[1].length } },
    value: { text: value, span: { line, character: valueStart, length: value.length } },
  };
}

/** REST Client's multi-line query: indented or bare lines starting with `?` or `&`, and httpyac's indented `/path`. */
function readUrlContinuations(state: BlockState, requestLine: ParsedRequest['requestLine']): void {
  while (state.line <= state.end) {
    const text = state.lines[state.line];
    // A continuation starts with whitespace, `?` or `&`; most lines here are headers.
    const first = text.charCodeAt(0);
    if (!isRegexSpace(first) && first !== 63 /* ? */ && first !== 38 /* & */) return;
    const match = matchContinuation(text);
    if (!match) return;
    const { indent, piece, version } = match;
    if (version && !requestLine.httpVersion) {
      requestLine.httpVersion = { text: version.text, span: { line: state.line, character: version.character, length: version.text.length } };
    }
    requestLine.urlParts.push({ text: piece, span: { line: state.line, character: indent, length: piece.length } });
    requestLine.url += piece;
    state.line++;
  }
}

/**
 * What `/^(\s*)([?&].*?|(?<=\s)\/\S*)(\s+HTTP\/\d(?:\.\d)?)?\s*$/i` reads, in linear time: that
 * regex retried the optional version and `\s*$` from every position of a run of spaces inside
 * the line, which took minutes for a 100k-character continuation (found by test/unit/fuzz).
 */
function matchContinuation(text: string): { indent: number; piece: string; version?: { text: string; character: number } } | undefined {
  const trimmed = text.trimEnd();
  const indent = trimmed.length - trimmed.trimStart().length;
  const content = trimmed.slice(indent);
  const versioned = splitHttpVersion(content);
  const piece = versioned ? versioned.before : content;
  const isQuery = piece.startsWith('?') || piece.startsWith('&');
  const isPath = indent > 0 && piece.startsWith('/') && !/\s/.test(piece);
  if (!isQuery && !isPath) return undefined;
  const version = versioned && { text: versioned.version, character: indent + versioned.before.length + versioned.gap.length };
  return { indent, piece, ...(version ? { version } : {}) };
}

function readHeaders(state: BlockState, errors: ParseProblem[]): ParsedHeader[] {
  const headers: ParsedHeader[] = [];
  const { lines } = state;
  while (state.line <= state.end) {
    const text = lines[state.line];
    // A letter or digit first can be neither a blank line nor a comment.
    if (!isAsciiLetterOrDigit(text.charCodeAt(0))) {
      if (text.trim() === '') {
        state.line++;
        return headers;
      }
      if (COMMENT.test(text)) {
        state.line++;
        continue;
      }
    }
    const header = matchHeader(text, state.line);
    if (!header) {
      if (looksLikeBodyStart(text)) return headers;
      const hint = parseRequestLine(text, state.line).requestLine.implicitMethod
        ? 'is not a header (expected \'Name: value\'); put a blank line before the body'
        : 'looks like a second request in this block; separate requests with ###';
      errors.push({
        message: `line ${state.line + 1}: '${truncate(text.trim())}' ${hint}`,
        span: { line: state.line, character: 0, length: text.trimEnd().length },
      });
      state.line++;
      continue;
    }
    headers.push(header);
    state.line++;
  }
  return headers;
}

/** Bodies that authors start without the blank line (JSON, XML, a file reference, a response handler). */
function looksLikeBodyStart(text: string): boolean {
  return /^\s*[{[<>]/.test(text);
}

function readBody(state: BlockState): ParsedBody | undefined {
  const { lines } = state;
  let bodyLines: number[] = [];
  while (state.line <= state.end) {
    const text = lines[state.line];
    if (text.charCodeAt(0) !== 62 /* > */) {
      bodyLines.push(state.line);
    } else if (/^>\s*\{%/.test(text)) {
      skipScript(state, '%}');
    } else if (/^>>!?\s/.test(text) || /^>\s+\S+\.(js|ts|mjs|cjs)\s*$/.test(text)) {
      // response redirect (`>> file`) or handler file (`> ./handler.js`): not part of the body
    } else {
      bodyLines.push(state.line);
    }
    state.line++;
  }
  while (bodyLines.length > 0 && lines[bodyLines[bodyLines.length - 1]].trim() === '') bodyLines.pop();
  // An index, not shift(): shifting a million blank lines off one by one is quadratic (found by test/unit/fuzz).
  let firstLine = 0;
  while (firstLine < bodyLines.length && lines[bodyLines[firstLine]].trim() === '') firstLine++;
  if (firstLine > 0) bodyLines = bodyLines.slice(firstLine);
  if (bodyLines.length === 0) return undefined;
  const text = bodyLines.map((n) => lines[n]).join('\n');
  const startLine = bodyLines[0];
  const endLine = bodyLines[bodyLines.length - 1];
  const body: ParsedBody = { text, startLine, endLine };
  // A handler or `>>` line inside the body is left out of it; then line i of the text is not startLine + i.
  if (endLine - startLine + 1 !== bodyLines.length) body.lineNumbers = bodyLines;
  // `(\S[^]*)$` on the trimmed line, not `(\S.*?)\s*$`: the lazy form is quadratic in a run of spaces inside the path.
  const fileRef = /^(\s*<(@)?(\w[\w-]*)?\s+)(\S[^]*)$/.exec(lines[bodyLines[0]].trimEnd());
  if (fileRef && bodyLines.length === 1) {
    body.fileReference = {
      path: { text: fileRef[4], span: { line: bodyLines[0], character: fileRef[1].length, length: fileRef[4].length } },
      processVariables: fileRef[2] === '@',
      encoding: fileRef[3],
    };
  }
  return body;
}

function collectVariableReferences(
  lines: string[],
  urlParts: { span: { line: number } }[],
  headers: ParsedHeader[],
  body: ParsedBody | undefined,
  errors: ParseProblem[],
): VariableReference[] {
  const references: VariableReference[] = [];
  // Each URL line once, however many pieces it holds; almost every URL is one piece on one line.
  const urlLines = urlParts.length === 1 ? [urlParts[0].span.line] : new Set(urlParts.map((p) => p.span.line));
  for (const line of urlLines) findVariableReferences(lines[line], line, 0, references, errors);
  for (const header of headers) findVariableReferences(lines[header.line], header.line, 0, references, errors);
  if (body) for (let line = body.startLine; line <= body.endLine; line++) findVariableReferences(lines[line], line, 0, references);
  return references;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
