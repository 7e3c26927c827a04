import { firstCharacter, type BlockState } from './blockState';
import { readBody } from './body';
import { isAsciiLetterOrDigit, isRegexSpace } from './characters';
import { matchHeader } from './headerLine';
import { indexLines, isBlankLine, isCommentLine, lineText, skipSpaces, trimmedEnd, type LineIndex } from './lineIndex';
import { skipPreamble } from './preamble';
import { readRequestLine, splitHttpVersion } from './requestLine';
import type {
  FileVariable,
  MetadataLine,
  ParsedBody,
  ParsedHeader,
  ParsedHttpFile,
  ParsedRequest,
  ParseProblem,
  RequestLine,
  VariableReference,
} from './types';
import { findVariableReferencesIn } from './variableReferences';

/**
 * Parses a `.http`/`.rest` file the way REST Client and the JetBrains HTTP Client read it:
 * `###` separates blocks, each block holds at most one request. Never throws: anything
 * malformed becomes a problem on the request it belongs to, with a position.
 */
export function parseHttpFile(text: string): ParsedHttpFile {
  const lines = indexLines(text);
  const fileVariables: FileVariable[] = [];
  const requests: ParsedRequest[] = [];
  let blockStart = 0;
  let separatorTitle: string | undefined;
  let separatorLine: number | undefined;
  for (let line = 0; line <= lines.count; line++) {
    const atEnd = line === lines.count;
    if (!atEnd && !isSeparator(lines, line)) continue;
    if (line > blockStart || atEnd) {
      const request = parseBlock(lines, blockStart, line - 1, separatorTitle, fileVariables, requests.length);
      if (request) {
        // The `### title` line above a request names it, so it selects that request too.
        if (separatorLine !== undefined) request.startLine = separatorLine;
        requests.push(request);
      }
    }
    if (!atEnd) {
      separatorTitle = separatorTitleOf(lines, line);
      separatorLine = line;
      blockStart = line + 1;
    }
  }
  return { requests, fileVariables, lineCount: lines.count };
}

function isSeparator(lines: LineIndex, line: number): boolean {
  const { text } = lines;
  const start = lines.starts[line];
  return lines.ends[line] - start >= 3 && text.charCodeAt(start) === 35 && text.charCodeAt(start + 1) === 35 && text.charCodeAt(start + 2) === 35;
}

/** What `line.replace(/^#{3,}/, '').trim() || undefined` gives for a `###` line. */
function separatorTitleOf(lines: LineIndex, line: number): string | undefined {
  const { text } = lines;
  const end = lines.ends[line];
  let afterHashes = lines.starts[line];
  while (afterHashes < end && text.charCodeAt(afterHashes) === 35) afterHashes++;
  const titleStart = skipSpaces(text, afterHashes, end);
  return titleStart < end ? text.slice(titleStart, trimmedEnd(text, titleStart, end)) : undefined;
}

function parseBlock(
  lines: LineIndex,
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
  const requestLine = readRequestLine(lines.text, lines.starts[requestLineNumber], lines.ends[requestLineNumber], requestLineNumber, errors);
  state.line++;
  readUrlContinuations(state, requestLine);

  const headers = readHeaders(state, errors);
  const body = readBody(state);
  const variableReferences = collectVariableReferences(lines, requestLine.urlParts, headers, body, errors);
  const name = nameFromMetadata(metadata) || separatorTitle;
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

/** The first `# @name`'s value. */
function nameFromMetadata(metadata: MetadataLine[]): string | undefined {
  for (const line of metadata) if (line.key === 'name') return line.value;
  return undefined;
}

/** REST Client's multi-line query: indented or bare lines starting with `?` or `&`, and httpyac's indented `/path`. */
function readUrlContinuations(state: BlockState, requestLine: RequestLine): void {
  while (state.line <= state.end) {
    // A continuation starts with whitespace, `?` or `&`; most lines here are headers.
    const first = firstCharacter(state.lines, state.line);
    if (!isRegexSpace(first) && first !== 63 /* ? */ && first !== 38 /* & */) return;
    const match = matchContinuation(lineText(state.lines, state.line));
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
    // A letter or digit first can be neither a blank line nor a comment.
    if (!isAsciiLetterOrDigit(firstCharacter(lines, state.line))) {
      if (isBlankLine(lines, state.line)) {
        state.line++;
        return headers;
      }
      if (isCommentLine(lines, state.line)) {
        state.line++;
        continue;
      }
    }
    const header = matchHeader(lines, state.line);
    if (!header) {
      const text = lineText(lines, state.line);
      if (looksLikeBodyStart(text)) return headers;
      errors.push(notAHeader(text, state.line));
      state.line++;
      continue;
    }
    headers.push(header);
    state.line++;
  }
  return headers;
}

function notAHeader(text: string, line: number): ParseProblem {
  const hint = readRequestLine(text, 0, text.length, line, []).implicitMethod
    ? 'is not a header (expected \'Name: value\'); put a blank line before the body'
    : 'looks like a second request in this block; separate requests with ###';
  return {
    message: `line ${line + 1}: '${truncate(text.trim())}' ${hint}`,
    span: { line, character: 0, length: text.trimEnd().length },
  };
}

/** Bodies that authors start without the blank line (JSON, XML, a file reference, a response handler). */
function looksLikeBodyStart(text: string): boolean {
  return /^\s*[{[<>]/.test(text);
}

function collectVariableReferences(
  lines: LineIndex,
  urlParts: { span: { line: number } }[],
  headers: ParsedHeader[],
  body: ParsedBody | undefined,
  errors: ParseProblem[],
): VariableReference[] {
  const references: VariableReference[] = [];
  const { text, starts, ends } = lines;
  // Each URL line once, however many pieces it holds; almost every URL is one piece on one line.
  if (urlParts.length === 1) {
    const line = urlParts[0].span.line;
    findVariableReferencesIn(text, starts[line], starts[line], ends[line], line, references, errors);
  } else {
    for (const line of new Set(urlParts.map((p) => p.span.line))) findVariableReferencesIn(text, starts[line], starts[line], ends[line], line, references, errors);
  }
  for (const { line } of headers) findVariableReferencesIn(text, starts[line], starts[line], ends[line], line, references, errors);
  if (body) for (let line = body.startLine; line <= body.endLine; line++) findVariableReferencesIn(text, starts[line], starts[line], ends[line], line, references);
  return references;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
