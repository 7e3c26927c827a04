/**
 * A forgiving date reader behind the `Rewrite as HTTP-date` quick fix. It accepts what
 * people actually type into If-(Un)Modified-Since (ISO 8601, numeric zones, lower-case
 * names, Unix timestamps from `{{$timestamp}}`, a pasted JavaScript Date) and never
 * guesses: a value whose instant is ambiguous in a way we cannot resolve is refused.
 */
import { formatHttpDate, MONTH_NAMES, parseHttpDate, resolveTwoDigitYear, utcFromFields, type HttpDateOptions } from './httpDate';

export type LenientDateSource =
  | 'http-date'
  | 'iso-8601'
  | 'rfc-1123-variant'
  | 'epoch-seconds'
  | 'epoch-milliseconds'
  | 'javascript';

export interface LenientDate {
  readonly epochMs: number;
  readonly source: LenientDateSource;
  /**
   * The value named no time zone and was read as UTC. HTTP-dates are always GMT and such
   * values are usually copied from UTC logs; the quick fix can mention the assumption.
   */
  readonly assumedUtc: boolean;
}

const ZONE = '(Z|UTC|UT|GMT|[+-]\\d{2}(?::?\\d{2})?)';
const ISO_8601 = new RegExp(
  `^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?)?\\s*${ZONE}?$`,
  'i',
);
// "Sun, 6 Nov 1994 08:49 +0200", "06-nov-1994 08:49:37 utc", "6 November 94 08:49:37"
const RFC_1123_VARIANT = new RegExp(
  `^(?:[A-Za-z]+,?\\s+)?(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]+(\\d{4}|\\d{2})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*${ZONE}?$`,
  'i',
);
// IMF-fixdate has a four-digit year: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.
const MIN_EPOCH_MS = -62167219200000;
const MAX_EPOCH_MS = 253402300799999;

/** Offset of a zone in minutes east of UTC, or undefined for an impossible one. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || /^(Z|UTC|UT|GMT)$/i.test(zone)) return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function inFormattableRange(epochMs: number): boolean {
  return Number.isFinite(epochMs) && epochMs >= MIN_EPOCH_MS && epochMs <= MAX_EPOCH_MS;
}

function fromIso(text: string): LenientDate | undefined {
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', zone] = match;
  const local = utcFromFields({ year: +year, month: +month - 1, day: +day, hour: +hour, minute: +minute, second: +second });
  const offset = zoneOffsetMinutes(zone);
  if (local === undefined || offset === undefined) return undefined;
  return { epochMs: local - offset * 60_000, source: 'iso-8601', assumedUtc: zone === undefined };
}

function fromRfc1123Variant(text: string, now: number): LenientDate | undefined {
  const match = RFC_1123_VARIANT.exec(text);
  if (!match) return undefined;
  const [, day, monthName, yearText, hour, minute, second = '0', zone] = match;
  const month = MONTH_NAMES.findIndex((name) => name.toLowerCase() === monthName.toLowerCase());
  if (month === -1) return undefined;
  const rest = { month, day: +day, hour: +hour, minute: +minute, second: +second };
  const year = yearText.length === 2 ? resolveTwoDigitYear(+yearText, rest, now) : +yearText;
  const local = utcFromFields({ ...rest, year });
  const offset = zoneOffsetMinutes(zone);
  if (local === undefined || offset === undefined) return undefined;
  return { epochMs: local - offset * 60_000, source: 'rfc-1123-variant', assumedUtc: zone === undefined };
}

function fromEpochNumber(text: string): LenientDate | undefined {
  // Nine or ten digits are seconds (2001-2286), twelve or thirteen are milliseconds:
  // the two shapes `{{$timestamp}}` and Date.now() produce. Other lengths are too ambiguous.
  if (/^\d{9,10}$/.test(text)) return { epochMs: Number(text) * 1000, source: 'epoch-seconds', assumedUtc: false };
  if (/^\d{12,13}$/.test(text)) return { epochMs: Number(text), source: 'epoch-milliseconds', assumedUtc: false };
  return undefined;
}

/** Date.parse rolls "Feb 30" over into March; refuse a day its month does not have. */
function namesImpossibleDay(text: string): boolean {
  const year = /\b(\d{4})\b/.exec(text)?.[1];
  const dayMonth = /\b([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2})\b/.exec(text) ?? /\b(\d{1,2})\s+([A-Za-z]{3})/.exec(text);
  if (!year || !dayMonth) return false;
  const [monthName, day] = /^\d/.test(dayMonth[1]) ? [dayMonth[2], dayMonth[1]] : [dayMonth[1], dayMonth[2]];
  const month = MONTH_NAMES.findIndex((name) => name.toLowerCase() === monthName.toLowerCase());
  return month !== -1 && utcFromFields({ year: +year, month, day: +day, hour: 0, minute: 0, second: 0 }) === undefined;
}

function fromJavaScript(text: string): LenientDate | undefined {
  // Date.parse reads nearly anything ("1" is the year 2001), so only accept text that has
  // a four-digit year, a time and an explicit zone, e.g. a pasted `new Date().toString()`.
  // ISO-shaped text was already judged by fromIso; a second opinion would only roll over.
  if (!/\b\d{4}\b/.test(text) || !/\d{1,2}:\d{2}/.test(text) || !/(GMT|UTC|Z\b|[+-]\d{2}:?\d{2}\b)/.test(text)) {
    return undefined;
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(text) || namesImpossibleDay(text)) return undefined;
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) ? undefined : { epochMs, source: 'javascript', assumedUtc: false };
}

/** Reads a date leniently; undefined when no unambiguous instant can be found. */
export function parseLenientDate(value: string, options: HttpDateOptions = {}): LenientDate | undefined {
  const text = value.trim();
  if (text.length > 200) return undefined;
  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const strict = parseHttpDate(text, { now });
  const parsed: LenientDate | undefined = strict
    ? { epochMs: strict.epochMs, source: 'http-date', assumedUtc: false }
    : (fromIso(text) ?? fromRfc1123Variant(text, now) ?? fromEpochNumber(text) ?? fromJavaScript(text));
  return parsed && inFormattableRange(parsed.epochMs) ? parsed : undefined;
}

/** The IMF-fixdate the quick fix writes, or undefined when the value cannot be read. */
export function rewriteAsHttpDate(value: string, options: HttpDateOptions = {}): string | undefined {
  const parsed = parseLenientDate(value, options);
  return parsed ? formatHttpDate(parsed.epochMs) : undefined;
}
