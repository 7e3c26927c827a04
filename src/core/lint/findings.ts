import type { Span } from '../parser/types';

/** CONTRACTS.md diagnostic codes; src/ids.ts re-exports them for the editor side. */
export const DiagnosticCodes = {
  staleIfMatch: 'stale-if-match',
  staleIfUnmodifiedSince: 'stale-if-unmodified-since',
  preconditionFailed: 'precondition-failed',
  preconditionRequired: 'precondition-required',
  weakEtagInIfMatch: 'weak-etag-in-if-match',
  unquotedEtag: 'unquoted-etag',
  invalidHttpDate: 'invalid-http-date',
  starMixedWithEtags: 'star-mixed-with-etags',
  unresolvedVariable: 'unresolved-variable',
  preconditionIgnored: 'precondition-ignored',
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A problem in a .http file, in core terms; the editor turns it into a Diagnostic. */
export interface Finding {
  code: DiagnosticCode;
  severity: FindingSeverity;
  message: string;
  span: Span;
  /** Line of the request line of the request it belongs to. */
  requestLine: number;
  /** What a quick fix needs to know, e.g. the quoted form of an unquoted tag. */
  data?: FindingData;
}

export interface FindingData {
  /** The text a fix would write at `span` (a quoted tag, a strong tag, an HTTP-date). */
  replacement?: string;
  /** The tag sent, for stale-if-match. */
  sentEtag?: string;
  /** The freshest known tag, quotes included. */
  freshEtag?: string;
  freshLastModified?: string;
  /** The URL the request went to, variables resolved. */
  url?: string;
  /** Where the If-Match value comes from. */
  valueSource?: ValueSource;
  /** For unresolved-variable: the name between the braces. */
  variable?: string;
  /** For unresolved-variable: the environments that define it (the editor fills this in). */
  definedIn?: string[];
}

/**
 * Where a header value comes from, so a fix edits the right text: the value itself,
 * a file variable's definition, or a named request that must be re-sent.
 */
export type ValueSource =
  | { kind: 'literal' }
  | { kind: 'file-variable'; name: string; definitionSpan: Span }
  | { kind: 'response-reference'; requestName: string; expression: string }
  | { kind: 'validator-variable' }
  | { kind: 'other-variable'; expression: string };
