import type { ParsedHeader, ParsedHttpFile, ParseProblem, Span } from '../parser/types';
import { substituteVariables, type ResolutionScope } from '../variables/resolveRequest';
import type { ValueSource } from './findings';

export interface ResolvedHeaderValue {
  /** The value after variables, or undefined when a variable could not be resolved. */
  value?: string;
  source: ValueSource;
  /** Where in the document a piece of the resolved value is written. */
  spanOf(offset: number, length: number): Span;
}

// The expression is trimmed afterwards: `\{\{\s*([^{}]+?)\s*\}\}$` retried `\s*\}\}` from every
// position of a run of spaces inside the braces, which is quadratic (found by test/unit/fuzz).
const SINGLE_REFERENCE = /^\{\{([^{}]+)\}\}$/;

/**
 * Resolves a header's value and remembers where it came from: a fix for a literal
 * edits the value, a fix for `{{etag}}` edits `@etag = …`, and a diagnostic about a
 * value that came from a variable underlines the `{{…}}`.
 */
export function resolveHeaderValue(file: ParsedHttpFile, header: ParsedHeader, scope: ResolutionScope): ResolvedHeaderValue {
  const written = header.value;
  const errors: ParseProblem[] = [];
  const resolved = substituteVariables(written.text, written.span, scope, errors);
  const value = errors.length === 0 ? resolved : undefined;
  if (!written.text.includes('{{')) {
    return {
      value,
      source: { kind: 'literal' },
      spanOf: (offset, length) => ({ line: written.span.line, character: written.span.character + offset, length }),
    };
  }
  const whole = () => written.span;
  const expression = SINGLE_REFERENCE.exec(written.text)?.[1].trim();
  if (!expression) return { value, source: { kind: 'other-variable', expression: written.text }, spanOf: whole };
  return { value, source: sourceOf(expression, file, scope), spanOf: whole };
}

function sourceOf(expression: string, file: ParsedHttpFile, scope: ResolutionScope): ValueSource {
  if (expression === '$etag' || expression === '$lastModified') return { kind: 'validator-variable' };
  if (scope.fileVariables.has(expression)) {
    const definition = [...file.fileVariables].reverse().find((v) => v.name.text === expression);
    if (definition) return { kind: 'file-variable', name: expression, definitionSpan: definition.value.span };
  }
  const reference = /^([\w-]+)\.response\./.exec(expression);
  if (reference) return { kind: 'response-reference', requestName: reference[1], expression };
  return { kind: 'other-variable', expression };
}

export function findHeader(headers: readonly ParsedHeader[], name: string): ParsedHeader | undefined {
  const lower = name.toLowerCase();
  return headers.find((header) => header.name.text.toLowerCase() === lower);
}

/** The whole header line, name through value, for findings about the header as such. */
export function headerSpan(header: ParsedHeader): Span {
  const start = header.name.span.character;
  const end = Math.max(header.value.span.character + header.value.span.length, start + header.name.span.length);
  return { line: header.line, character: start, length: end - start };
}
