/**
 * Reads a header from a SendResult-shaped record. Names are promised lower-case, but
 * looser inputs (fixtures, persisted records) may differ, so fall back to a
 * case-insensitive scan. Empty values count as absent.
 */
export function headerOf(headers: Readonly<Record<string, string>> | undefined, lowerName: string): string | undefined {
  if (headers === undefined) return undefined;
  let value: unknown = headers[lowerName];
  if (value === undefined) {
    const name = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lowerName);
    value = name === undefined ? undefined : headers[name];
  }
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
