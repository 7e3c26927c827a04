/**
 * The request headers §13 is about, picked out of whatever header shape a caller has
 * (the parser's name/value pairs, Node's IncomingHttpHeaders, a plain record).
 */

export type PreconditionHeaderName = 'If-Match' | 'If-None-Match' | 'If-Modified-Since' | 'If-Unmodified-Since' | 'If-Range';

/** Field values as received; a header that occurred several times is joined with ", ". */
export interface PreconditionHeaders {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
  readonly ifUnmodifiedSince?: string;
  readonly ifRange?: string;
  /** Not a precondition, but If-Range means nothing without it. */
  readonly range?: string;
}

export type HeaderSource =
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

const FIELD_BY_LOWER_NAME: Readonly<Record<string, keyof PreconditionHeaders>> = {
  'if-match': 'ifMatch',
  'if-none-match': 'ifNoneMatch',
  'if-modified-since': 'ifModifiedSince',
  'if-unmodified-since': 'ifUnmodifiedSince',
  'if-range': 'ifRange',
  range: 'range',
};

function entriesOf(headers: HeaderSource): Array<readonly [string, string]> {
  if (Symbol.iterator in headers) return [...(headers as Iterable<readonly [string, string]>)];
  const entries: Array<readonly [string, string]> = [];
  for (const [name, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (value === undefined) continue;
    for (const single of typeof value === 'string' ? [value] : value) entries.push([name, single]);
  }
  return entries;
}

/**
 * Collects the precondition headers, names case-insensitively. Repeated fields are
 * combined with ", " as §5.3 allows for list fields; for the date fields that produces a
 * list, which is invalid, exactly as a server would see it.
 */
export function collectPreconditionHeaders(headers: HeaderSource): PreconditionHeaders {
  const collected: Partial<Record<keyof PreconditionHeaders, string>> = {};
  for (const [name, value] of entriesOf(headers)) {
    const field = FIELD_BY_LOWER_NAME[name.toLowerCase()];
    if (field === undefined) continue;
    const previous = collected[field];
    collected[field] = previous === undefined ? value : `${previous}, ${value}`;
  }
  return collected;
}

/** The wire name of each field, in the order §13.2.2 evaluates them. */
export const PRECONDITION_FIELDS: ReadonlyArray<readonly [PreconditionHeaderName, keyof PreconditionHeaders]> = [
  ['If-Match', 'ifMatch'],
  ['If-Unmodified-Since', 'ifUnmodifiedSince'],
  ['If-None-Match', 'ifNoneMatch'],
  ['If-Modified-Since', 'ifModifiedSince'],
  ['If-Range', 'ifRange'],
];

/** True when the request carries any precondition at all (Range alone does not count). */
export function hasPreconditions(headers: PreconditionHeaders): boolean {
  return PRECONDITION_FIELDS.some(([, field]) => headers[field] !== undefined);
}
