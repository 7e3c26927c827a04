/**
 * Entity tags (RFC 9110 §8.8.3) and the If-Match / If-None-Match lists that carry
 * them (§13.1.1, §13.1.2). Pure and total: every function accepts any string and
 * reports problems as data, because the callers are lints running on half-typed
 * header values and a server answering strangers.
 *
 * Offsets are UTF-16 indexes into the header value exactly as given, so an editor
 * can add the value's start column and underline one tag.
 */

/** A syntactically valid entity tag. */
export interface EntityTag {
  readonly weak: boolean;
  /** The characters between the double quotes. */
  readonly opaque: string;
}

interface ListItemBase {
  /** The element as written, surrounding whitespace excluded. */
  readonly text: string;
  /** Index of `text` inside the header value. */
  readonly offset: number;
  readonly length: number;
}

export interface EntityTagItem extends ListItemBase {
  readonly kind: 'tag';
  readonly tag: EntityTag;
}

export interface StarItem extends ListItemBase {
  readonly kind: 'star';
}

/**
 * A value some servers emit (httpbin, hand-written APIs) and users paste, but which
 * is not an entity tag: a strict origin never matches it.
 */
export interface UnquotedItem extends ListItemBase {
  readonly kind: 'unquoted';
  /** The entity tag the user most likely meant, quotes included: the Quote fix writes it. */
  readonly quoted: string;
  readonly problem: string;
}

export interface MalformedItem extends ListItemBase {
  readonly kind: 'malformed';
  readonly problem: string;
}

export type EntityTagListItem = EntityTagItem | StarItem | UnquotedItem | MalformedItem;

export interface EntityTagList {
  /** Every non-empty list element in order, empty elements (`a,,b`) skipped as §5.6.1 requires. */
  readonly items: readonly EntityTagListItem[];
  /** The valid tags only. */
  readonly tags: readonly EntityTag[];
  /** The field is exactly `*`: matches any current representation. */
  readonly isAny: boolean;
  /** `*` next to anything else: the grammar is `"*" / #entity-tag`, so the field is invalid. */
  readonly starMixedWithTags: boolean;
  /** Unquoted and malformed elements, the ones a lint should underline. */
  readonly problems: ReadonlyArray<UnquotedItem | MalformedItem>;
}

/** OWS is only SP and HTAB (§5.6.3); other whitespace is not allowed around elements. */
function isOws(char: string): boolean {
  return char === ' ' || char === '\t';
}

/**
 * etagc = %x21 / %x23-7E / obs-text. A decoded JS string holds obs-text as code units
 * of 0x80 and above (any non-ASCII character arrives as such bytes), so those count.
 */
function isEtagChar(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || code >= 0x80;
}

function firstInvalidEtagChar(opaque: string): number {
  for (let index = 0; index < opaque.length; index++) {
    if (!isEtagChar(opaque.charCodeAt(index))) return index;
  }
  return -1;
}

function describeChar(char: string): string {
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  return `the character U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Parses exactly one entity tag, ignoring surrounding OWS; undefined when it is not one. */
export function parseEntityTag(text: string): EntityTag | undefined {
  const trimmed = trimOws(text);
  const weak = trimmed.startsWith('W/');
  const quoted = weak ? trimmed.slice(2) : trimmed;
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) return undefined;
  const opaque = quoted.slice(1, -1);
  if (firstInvalidEtagChar(opaque) !== -1) return undefined;
  return { weak, opaque };
}

/** Writes a tag the way it goes on the wire. */
export function formatEntityTag(tag: EntityTag): string {
  return `${tag.weak ? 'W/' : ''}"${tag.opaque}"`;
}

function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text[start])) start++;
  while (end > start && isOws(text[end - 1])) end--;
  return text.slice(start, end);
}

/** Index just past one list element: the next comma outside double quotes, or the end. */
function elementEnd(value: string, start: number): number {
  let inQuotes = false;
  for (let index = start; index < value.length; index++) {
    const char = value[index];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === ',' && !inQuotes) return index;
  }
  return value.length;
}

function classifyElement(text: string, offset: number): EntityTagListItem {
  const base = { text, offset, length: text.length };
  if (text === '*') return { ...base, kind: 'star' };
  const tag = parseEntityTag(text);
  if (tag) return { ...base, kind: 'tag', tag };
  return { ...base, ...diagnoseNonTag(text) };
}

/** Explains why an element is not an entity tag, in words a lint can show as-is. */
function diagnoseNonTag(
  text: string,
): { kind: 'unquoted'; quoted: string; problem: string } | { kind: 'malformed'; problem: string } {
  if (/^w\/"/.test(text)) {
    return { kind: 'malformed', problem: 'The weak prefix is case-sensitive: write W/ in upper case.' };
  }
  const weak = text.startsWith('W/');
  const body = weak ? text.slice(2) : text;
  if (body.startsWith('"')) {
    const closing = body.indexOf('"', 1);
    if (closing === -1) return { kind: 'malformed', problem: 'The entity tag has no closing double quote.' };
    const opaque = body.slice(1, closing);
    const bad = firstInvalidEtagChar(opaque);
    if (bad !== -1) {
      return { kind: 'malformed', problem: `An entity tag cannot contain ${describeChar(opaque[bad])}.` };
    }
    return { kind: 'malformed', problem: 'Text follows the entity tag; separate list members with commas.' };
  }
  if (body.length > 0 && !body.includes('"') && firstInvalidEtagChar(body) === -1) {
    // Single quotes are a common paste mistake; the fix keeps what is inside them.
    const inner = /^'(.+)'$/.exec(body)?.[1] ?? body;
    return {
      kind: 'unquoted',
      quoted: `${weak ? 'W/' : ''}"${inner}"`,
      problem: 'An entity tag must be in double quotes; unquoted values never match on a strict server.',
    };
  }
  return { kind: 'malformed', problem: 'This is not an entity tag: expected "opaque" or W/"opaque".' };
}

/**
 * Parses an If-Match / If-None-Match field value. Commas inside quotes belong to the
 * tag (`"a,b"` is one tag); commas outside separate elements.
 */
export function parseEntityTagList(value: string): EntityTagList {
  const items: EntityTagListItem[] = [];
  let position = 0;
  while (position < value.length) {
    const char = value[position];
    if (char === ',' || isOws(char)) {
      position++;
      continue;
    }
    const end = elementEnd(value, position);
    let textEnd = end;
    while (textEnd > position && isOws(value[textEnd - 1])) textEnd--;
    items.push(classifyElement(value.slice(position, textEnd), position));
    position = end;
  }
  const stars = items.filter((item) => item.kind === 'star').length;
  return {
    items,
    tags: items.flatMap((item) => (item.kind === 'tag' ? [item.tag] : [])),
    isAny: stars === 1 && items.length === 1,
    starMixedWithTags: stars > 0 && items.length > 1,
    problems: items.filter((item): item is UnquotedItem | MalformedItem => item.kind === 'unquoted' || item.kind === 'malformed'),
  };
}

function asTag(value: EntityTag | string): EntityTag | undefined {
  return typeof value === 'string' ? parseEntityTag(value) : value;
}

/** Strong comparison (§8.8.3.2): both strong, opaque parts identical. Used by If-Match and If-Range. */
export function strongCompare(a: EntityTag | string, b: EntityTag | string): boolean {
  const left = asTag(a);
  const right = asTag(b);
  return left !== undefined && right !== undefined && !left.weak && !right.weak && left.opaque === right.opaque;
}

/** Weak comparison: opaque parts identical, W/ ignored. Used by If-None-Match. */
export function weakCompare(a: EntityTag | string, b: EntityTag | string): boolean {
  const left = asTag(a);
  const right = asTag(b);
  return left !== undefined && right !== undefined && left.opaque === right.opaque;
}

/** True when the value starts with the weak prefix, even if the rest is broken. */
export function isWeak(value: string): boolean {
  return trimOws(value).startsWith('W/');
}

/**
 * The opaque part, read leniently (W/ and one pair of quotes stripped, unquoted values
 * taken whole) the way httpbin compares. For explanations only: matching is strict.
 */
export function opaqueOf(value: string): string {
  let text = trimOws(value);
  if (text.startsWith('W/')) text = text.slice(2);
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  return text;
}

/** The strong form of a tag, quotes included: `W/"x"` and `x` both become `"x"`. */
export function toStrong(value: string): string {
  return `"${opaqueOf(value)}"`;
}

export type ContentCodingName = 'gzip' | 'br' | 'deflate' | 'zstd';

export interface CodingSuffix {
  /** The opaque value the identity representation carries. */
  readonly baseOpaque: string;
  readonly coding: ContentCodingName;
  /** Exactly what was appended, e.g. `-gzip` (Apache mod_deflate), `--gzip` (Jetty) or `;gzip`. */
  readonly suffix: string;
}

/**
 * Servers that compress on the fly make the compressed representation's tag distinct by
 * appending the coding inside the quotes. Sending that tag back in If-Match fails
 * because the origin compares it with the identity tag, so a diagnosis needs the base.
 */
export function detectCodingSuffix(value: EntityTag | string): CodingSuffix | undefined {
  const opaque = typeof value === 'string' ? opaqueOf(value) : value.opaque;
  const match = /^(.+?)(--|-|;|\+)(gzip|br|deflate|zstd)$/.exec(opaque);
  if (!match) return undefined;
  return { baseOpaque: match[1], coding: match[3] as ContentCodingName, suffix: match[2] + match[3] };
}

/**
 * How a tag a client sent relates to the server's current tag; each answer points at a
 * different cause of a 412:
 * - `strong-match`: identical strong tags, the precondition holds;
 * - `unquoted`: the sent value is the current opaque value without its quotes;
 * - `weak-only`: same opaque value but one side is W/, typically compression weakening;
 * - `coding-suffix`: the sent tag is the current one plus a content-coding suffix;
 * - `different`: another version, typically someone else changed the resource.
 */
export type EntityTagRelation = 'strong-match' | 'unquoted' | 'weak-only' | 'coding-suffix' | 'different';

export function relateEntityTags(sent: EntityTag | string, current: EntityTag | string): EntityTagRelation {
  if (strongCompare(sent, current)) return 'strong-match';
  const sentOpaque = typeof sent === 'string' ? opaqueOf(sent) : sent.opaque;
  const currentOpaque = typeof current === 'string' ? opaqueOf(current) : current.opaque;
  const sentIsTag = typeof sent !== 'string' || parseEntityTag(sent) !== undefined;
  if (sentOpaque === currentOpaque) return sentIsTag ? 'weak-only' : 'unquoted';
  if (detectCodingSuffix(sentOpaque)?.baseOpaque === currentOpaque) return 'coding-suffix';
  return 'different';
}
