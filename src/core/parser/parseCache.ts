import { parseHttpFile } from './parseHttpFile';
import type { ParsedHttpFile } from './types';

/**
 * Keeps the last parse of each document by version, so CodeLens, diagnostics and
 * commands asking about the same text share one parse. Bounded: documents that are
 * closed should be evicted with `delete`; the cap protects against callers that forget.
 */
export class ParseCache {
  private readonly entries = new Map<string, { version: number; parsed: ParsedHttpFile }>();
  private parses = 0;

  constructor(private readonly maxDocuments = 200) {}

  get(key: string, version: number, getText: () => string): ParsedHttpFile {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.parsed;
    const parsed = parseHttpFile(getText());
    this.parses++;
    this.entries.delete(key);
    this.entries.set(key, { version, parsed });
    if (this.entries.size > this.maxDocuments) this.entries.delete(this.entries.keys().next().value!);
    return parsed;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** How many real parses happened: lets tests and the benchmark prove cache hits. */
  get parseCount(): number {
    return this.parses;
  }
}
