/**
 * Small formatters for evidence sentences. Evidence is plain text (the report escapes it
 * for Markdown), so values are written as they appeared on the wire: a tag keeps its quotes.
 */

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

/** ISO 8601 with milliseconds, the form observation times are stored in. */
export function formatInstant(epochMs: number): string {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : 'an unknown time';
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

/** "2024-05-01T10:00:00.000Z (GET 200)", how an observation is named after "at". */
export function describeObservation(observation: { method: string; status: number; observedAt: string }): string {
  return `${observation.observedAt} (${observation.method} ${observation.status})`;
}
