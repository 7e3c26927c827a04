/**
 * HTTP-date (RFC 9110 §5.6.7): the three formats a recipient must accept, nothing else.
 * Strictness matters because an origin must *ignore* If-(Un)Modified-Since when the date
 * is invalid, so a date that merely looks right silently disables the precondition.
 */

export type HttpDateFormat = 'imf-fixdate' | 'rfc850' | 'asctime';

export interface HttpDate {
  /** Milliseconds since the epoch; always a whole second. */
  readonly epochMs: number;
  readonly format: HttpDateFormat;
  /** False when the day name contradicts the date; still valid, but worth a hint. */
  readonly weekdayMatches: boolean;
}

export interface HttpDateOptions {
  /** The clock the two-digit-year rule is judged against; defaults to the current time. */
  readonly now?: Date | number;
}

export const SHORT_DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const LONG_DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const DAY = SHORT_DAY_NAMES.join('|');
const MONTH = MONTH_NAMES.join('|');
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
// Case-sensitive and fixed-width on purpose: §5.6.7 says HTTP-date is case sensitive.
const IMF_FIXDATE = new RegExp(`^(${DAY}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^(${LONG_DAY_NAMES.join('|')}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^(${DAY}) (${MONTH}) (\\d{2}| \\d) ${TIME} (\\d{4})$`);

const MS_PER_SECOND = 1000;

interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function daysInMonth(year: number, month: number): number {
  const probe = new Date(0);
  probe.setUTCFullYear(year, month + 1, 0);
  return probe.getUTCDate();
}

/**
 * Builds the instant, or undefined for impossible dates (Feb 30, 24:00:00). A leap
 * second (:60) is allowed by the grammar and read as :59 so it never rolls into the
 * next minute and compares as later than the real one.
 */
export function utcFromFields(fields: DateFields): number | undefined {
  const { year, month, day, hour, minute, second } = fields;
  if (month < 0 || month > 11 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, Math.min(second, 59), 0);
  return date.getTime();
}

function toEpochMs(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === 'number' ? now : now.getTime();
}

/**
 * §5.6.7: a two-digit year that appears more than 50 years in the future means the most
 * recent past year with those digits. The candidate starts in the current century and
 * moves by 100 years until it lies within 50 years of `now` on either side.
 */
export function resolveTwoDigitYear(twoDigits: number, fields: Omit<DateFields, 'year'>, now: number): number {
  const nowYear = new Date(now).getUTCFullYear();
  let year = nowYear - (nowYear % 100) + twoDigits;
  const fiftyYearsAhead = new Date(now);
  fiftyYearsAhead.setUTCFullYear(nowYear + 50);
  const fiftyYearsBack = new Date(now);
  fiftyYearsBack.setUTCFullYear(nowYear - 50);
  const at = (candidate: number) => utcFromFields({ ...fields, year: candidate }) ?? Number.NaN;
  if (at(year) > fiftyYearsAhead.getTime()) year -= 100;
  else if (at(year) < fiftyYearsBack.getTime() && at(year + 100) <= fiftyYearsAhead.getTime()) year += 100;
  return year;
}

function monthIndex(name: string): number {
  return (MONTH_NAMES as readonly string[]).indexOf(name);
}

/**
 * A loop, not `/^[ \t]+|[ \t]+$/g`: that regex retries `[ \t]+$` from every position of a run of
 * spaces that does not end the value, which is quadratic (a 200k-character If-Modified-Since
 * value with spaces inside took minutes to lint; found by test/unit/fuzz).
 */
function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value[start] === ' ' || value[start] === '\t')) start++;
  while (end > start && (value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
  return value.slice(start, end);
}

/** Parses one HTTP-date in any of the three formats; undefined for anything else. */
export function parseHttpDate(value: string, options: HttpDateOptions = {}): HttpDate | undefined {
  const text = trimOws(value);
  let format: HttpDateFormat;
  let dayName: string;
  let fields: DateFields;
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    format = 'imf-fixdate';
    dayName = match[1];
    fields = { day: +match[2], month: monthIndex(match[3]), year: +match[4], hour: +match[5], minute: +match[6], second: +match[7] };
  } else if ((match = RFC850.exec(text))) {
    format = 'rfc850';
    dayName = match[1].slice(0, 3);
    const rest = { day: +match[2], month: monthIndex(match[3]), hour: +match[5], minute: +match[6], second: +match[7] };
    fields = { ...rest, year: resolveTwoDigitYear(+match[4], rest, toEpochMs(options.now)) };
  } else if ((match = ASCTIME.exec(text))) {
    format = 'asctime';
    dayName = match[1];
    fields = { month: monthIndex(match[2]), day: +match[3].trim(), hour: +match[4], minute: +match[5], second: +match[6], year: +match[7] };
  } else {
    return undefined;
  }
  const epochMs = utcFromFields(fields);
  if (epochMs === undefined) return undefined;
  const weekdayMatches = SHORT_DAY_NAMES[new Date(epochMs).getUTCDay()] === dayName;
  return { epochMs, format, weekdayMatches };
}

/** True when the value is an HTTP-date a recipient must accept. */
export function isHttpDate(value: string): boolean {
  return parseHttpDate(value) !== undefined;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats IMF-fixdate, the only format a sender may generate. Sub-second parts are
 * dropped (HTTP dates have one-second resolution). Throws RangeError for an invalid
 * Date or a year outside 0000-9999, which the fixed four-digit year cannot express.
 */
export function formatHttpDate(date: Date | number): string {
  const instant = new Date(typeof date === 'number' ? date : date.getTime());
  const year = instant.getUTCFullYear();
  if (Number.isNaN(instant.getTime()) || year < 0 || year > 9999) {
    throw new RangeError(`Cannot format ${String(date)} as an HTTP-date.`);
  }
  return (
    `${SHORT_DAY_NAMES[instant.getUTCDay()]}, ${pad(instant.getUTCDate(), 2)} ${MONTH_NAMES[instant.getUTCMonth()]} ` +
    `${pad(year, 4)} ${pad(instant.getUTCHours(), 2)}:${pad(instant.getUTCMinutes(), 2)}:${pad(instant.getUTCSeconds(), 2)} GMT`
  );
}

/** Truncates to whole seconds, the resolution Last-Modified comparisons use (§13.1.3, §13.1.4). */
export function toWholeSeconds(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND;
}

/** Capitalises words the way HTTP-date spells them, to tell a case mistake from others. */
function withHttpDateCase(text: string): string {
  return text
    .replace(/[A-Za-z]+/g, (word) => word[0].toUpperCase() + word.slice(1).toLowerCase())
    .replace(/Gmt$/, 'GMT');
}

/**
 * Says in one sentence why a value is not an HTTP-date, for a lint message; undefined
 * when it is valid. Checks the mistakes people actually make first.
 */
export function explainInvalidHttpDate(value: string): string | undefined {
  const text = trimOws(value);
  if (parseHttpDate(text) !== undefined) return undefined;
  const example = 'e.g. "Sun, 06 Nov 1994 08:49:37 GMT"';
  if (text === '') return 'The date is empty.';
  if (/[\r\n]/.test(text)) return 'The date contains a line break.';
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return `ISO 8601 is not an HTTP-date; write ${example}.`;
  if (/^\d+$/.test(text)) return `A timestamp number is not an HTTP-date; write ${example}.`;
  if (/GMT\s*,|\d{4}\s*,\s*\w/.test(text)) return 'Only one date is allowed; this looks like a list.';
  if (/[+-]\d{2}(:?\d{2})?$/.test(text)) return 'Numeric time zones are not allowed; an HTTP-date is always in GMT.';
  if (/\b(UTC|UT|Z)$/.test(text)) return 'The time zone must be the literal "GMT".';
  if (isHttpDate(withHttpDateCase(text))) {
    return 'HTTP-date is case sensitive: write day and month names as in "Sun, 06 Nov" and the zone as "GMT".';
  }
  if (IMF_FIXDATE.test(text) || RFC850.test(text) || ASCTIME.test(text)) {
    return 'This date does not exist (check the day of the month and the time).';
  }
  if (/^[A-Za-z]{3}, \d \w/.test(text)) return `The day of the month needs two digits; write ${example}.`;
  if (!/GMT$/.test(text) && !/^[A-Za-z]{3} [A-Za-z]{3} /.test(text)) return `An HTTP-date ends in the literal "GMT"; write ${example}.`;
  return `Not an HTTP-date: expected IMF-fixdate, ${example}.`;
}
