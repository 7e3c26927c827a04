/**
 * Small formatters for evidence sentences. Evidence is plain text (the report escapes it
 * for Markdown), so values are written as they appeared on the wire: a tag keeps its quotes.
 */

import { formatHttpDate } from '../preconditions/httpDate';

export { headerOf } from '../http/headerLookup';

/** "850 ms", "12 s", "3 min 20 s", "1 h 5 min", "2 d 3 h": precise enough to compare with a clock. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(Math.round(ms));
  if (abs < 1000) return `${abs} ms`;
  const seconds = Math.round(abs / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * An instant as an HTTP-date (IMF-fixdate), the form of the Last-Modified and Date values
 * evidence sets it beside: one form of date per sentence, comparable at a glance.
 */
export function formatInstant(epochMs: number): string {
  const year = Number.isFinite(epochMs) ? new Date(epochMs).getUTCFullYear() : NaN;
  return year >= 0 && year <= 9999 ? formatHttpDate(epochMs) : 'an unknown time';
}

/** A stored ISO time (observedAt) in the same form as formatInstant. */
export function formatTime(iso: string | undefined): string {
  return iso === undefined ? 'an unknown time' : formatInstant(Date.parse(iso));
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Keeps quoted server text short enough for one evidence sentence. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** "Wed, 01 May 2024 10:00:00 GMT (GET 200)", how an observation is named after "at". */
export function describeObservation(observation: { method: string; status: number; observedAt: string }): string {
  return `${formatTime(observation.observedAt)} (${observation.method} ${observation.status})`;
}
