/**
 * Single byte ranges (RFC 9110 §14.1.2), enough for If-Range to have something to
 * decide. A server may ignore any Range it does not want to serve, so multi-range and
 * odd units are answered with the whole representation.
 */

export type RangeRequest = { readonly start: number; readonly end: number } | 'unsatisfiable' | 'ignore';

export function parseByteRange(header: string, size: number): RangeRequest {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match || (match[1] === '' && match[2] === '')) return 'ignore';
  if (match[1] === '') {
    // Suffix range: the last N bytes.
    const length = Math.min(Number(match[2]), size);
    return length === 0 ? 'unsatisfiable' : { start: size - length, end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return 'ignore';
  return start >= size ? 'unsatisfiable' : { start, end };
}
