/** Positions are 0-based lines and UTF-16 characters, as in every editor API. */
export interface Span {
  line: number;
  character: number;
  length: number;
}

export interface Located {
  text: string;
  span: Span;
}

export interface ParseProblem {
  /** Starts with "line N:" (1-based) so it reads well outside the editor too. */
  message: string;
  span: Span;
}

/** `@name = value` declared outside a request. */
export interface FileVariable {
  name: Located;
  value: Located;
}

/** `# @key value` / `// @key value` before a request line. */
export interface MetadataLine {
  key: string;
  value: string;
  line: number;
}

export interface ParsedHeader {
  name: Located;
  value: Located;
  line: number;
}

export interface RequestLine {
  /** Method through the end of the URL (and ` HTTP/x`), trailing whitespace excluded. */
  span: Span;
  method: Located;
  /** True when the method was left out and GET assumed. */
  implicitMethod: boolean;
  /** The URL as written, continuation lines (`?…`/`&…`) appended. */
  url: string;
  /** Each written piece of the URL with its position: the first line's URL, then continuations. */
  urlParts: Located[];
  httpVersion?: Located;
}

export interface ParsedBody {
  /** Body lines joined with '\n', trailing blank lines dropped. */
  text: string;
  startLine: number;
  endLine: number;
  /**
   * The document line of each line of `text`, set only when lines in between were left out of
   * the body (a `> {% … %}` handler or a `>> file` line); otherwise line i is `startLine + i`.
   */
  lineNumbers?: number[];
  /** `< ./path` (or `<@ ./path` to substitute variables in the file). */
  fileReference?: { path: Located; processVariables: boolean; encoding?: string };
}

/** `{{…}}` in the request line, a header or the body. */
export interface VariableReference {
  /** Text between the braces, trimmed. */
  expression: string;
  /** The whole `{{…}}`. */
  span: Span;
}

export interface ParsedRequest {
  index: number;
  /** From `# @name`, else from the text after `###`. */
  name?: string;
  /** First and last line of the block: the `###` line above it (if any), comments included. */
  startLine: number;
  endLine: number;
  metadata: MetadataLine[];
  requestLine: RequestLine;
  headers: ParsedHeader[];
  body?: ParsedBody;
  variableReferences: VariableReference[];
  errors: ParseProblem[];
}

export interface ParsedHttpFile {
  requests: ParsedRequest[];
  fileVariables: FileVariable[];
  lineCount: number;
}
