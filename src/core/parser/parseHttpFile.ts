import { findVariableReferences } from './variableReferences';
import { parseRequestLine } from './requestLine';
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
  return withoutBom.split(/\r\n|\r|\n/);
}

function isSeparator(line: string): boolean {
  return line.startsWith('###');
}

const COMMENT = /^\s*(#|\/\/)/;
const METADATA = /^\s*(?:#|\/\/)\s*@([A-Za-z_][\w-]*)(?:\s*[=\s]\s*(.*?))?\s*$/;
const FILE_VARIABLE = /^\s*@([A-Za-z_][\w.-]*)\s*=\s?(.*?)\s*$/;
const HEADER = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)[ \t]*:[ \t]*(.*?)\s*$/;

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
    const meta = METADATA.exec(text);
    if (meta) {
      metadata.push({ key: meta[1], value: meta[2] ?? '', line: state.line });
    } else if (text.trim() === '' || COMMENT.test(text)) {
      // nothing to keep
    } else if (FILE_VARIABLE.test(text)) {
      fileVariables.push(toFileVariable(text, state.line));
    } else if (/^[<>]\s*\{%/.test(text)) {
      skipScript(state, '%}');
    } else if (/^[<>]\s/.test(text) || /^(import|run)\s+\S/.test(text)) {
      // a pre-request script file (`< ./pre.js`), a resterm script line, or a kulala directive
    } else if (/^\{\{\s*(@\w+)?\s*$/.test(text)) {
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
  const match = FILE_VARIABLE.exec(text)!;
  const nameStart = text.indexOf('@') + 1;
  const value = match[2];
  const valueStart = value ? text.indexOf(value, nameStart + match[1].length) : text.length;
  return {
    name: { text: match[1], span: { line, character: nameStart, length: match[1].length } },
    value: { text: value, span: { line, character: valueStart, length: value.length } },
  };
}

/** REST Client's multi-line query: indented or bare lines starting with `?` or `&`, and httpyac's indented `/path`. */
function readUrlContinuations(state: BlockState, requestLine: ParsedRequest['requestLine']): void {
  while (state.line <= state.end) {
    const text = state.lines[state.line];
    const match = /^(\s*)([?&].*?|(?<=\s)\/\S*)(\s+HTTP\/\d(?:\.\d)?)?\s*$/i.exec(text);
    if (!match) return;
    const piece = match[2];
    if (match[3] && !requestLine.httpVersion) {
      const version = match[3].trim();
      requestLine.httpVersion = { text: version, span: { line: state.line, character: text.lastIndexOf(version), length: version.length } };
    }
    requestLine.urlParts.push({ text: piece, span: { line: state.line, character: match[1].length, length: piece.length } });
    requestLine.url += piece;
    state.line++;
  }
}

function readHeaders(state: BlockState, errors: ParseProblem[]): ParsedHeader[] {
  const headers: ParsedHeader[] = [];
  const { lines } = state;
  while (state.line <= state.end) {
    const text = lines[state.line];
    if (text.trim() === '') {
      state.line++;
      return headers;
    }
    if (COMMENT.test(text)) {
      state.line++;
      continue;
    }
    const match = HEADER.exec(text);
    if (!match) {
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
    const valueStart = match[2] ? text.indexOf(match[2], match[1].length + 1) : text.trimEnd().length;
    headers.push({
      name: { text: match[1], span: { line: state.line, character: 0, length: match[1].length } },
      value: { text: match[2], span: { line: state.line, character: valueStart, length: match[2].length } },
      line: state.line,
    });
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
  const bodyLines: number[] = [];
  while (state.line <= state.end) {
    const text = lines[state.line];
    if (/^>\s*\{%/.test(text)) {
      skipScript(state, '%}');
    } else if (/^>>!?\s/.test(text) || /^>\s+\S+\.(js|ts|mjs|cjs)\s*$/.test(text)) {
      // response redirect (`>> file`) or handler file (`> ./handler.js`): not part of the body
    } else {
      bodyLines.push(state.line);
    }
    state.line++;
  }
  while (bodyLines.length > 0 && lines[bodyLines[bodyLines.length - 1]].trim() === '') bodyLines.pop();
  while (bodyLines.length > 0 && lines[bodyLines[0]].trim() === '') bodyLines.shift();
  if (bodyLines.length === 0) return undefined;
  const text = bodyLines.map((n) => lines[n]).join('\n');
  const body: ParsedBody = { text, startLine: bodyLines[0], endLine: bodyLines[bodyLines.length - 1] };
  const fileRef = /^(\s*<(@)?(\w[\w-]*)?\s+)(\S.*?)\s*$/.exec(lines[bodyLines[0]]);
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
  const scan = (line: number, from: number, reportUnterminated: boolean) =>
    findVariableReferences(lines[line], line, from, references, reportUnterminated ? errors : undefined);
  const urlLines = new Set(urlParts.map((p) => p.span.line));
  for (const line of urlLines) scan(line, 0, true);
  for (const header of headers) scan(header.line, 0, true);
  if (body) for (let line = body.startLine; line <= body.endLine; line++) scan(line, 0, false);
  return references;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
