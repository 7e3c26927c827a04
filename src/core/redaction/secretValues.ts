import { REDACTED } from './names';

/** Shorter values are not replaced by provenance: "1" or "on" would redact half of every text. */
const MIN_SECRET_LENGTH = 4;
/** Enough for every secret of a real session, few enough that replacing them stays cheap. */
const MAX_SECRET_VALUES = 500;

/** The forms a value takes on the wire and in exports: as is, percent-encoded (query, form with `+`), JSON-escaped. */
function encodings(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * Values known to be secret because of where they came from: http-client.private.env.json,
 * `.env` (`{{$dotenv X}}`) and the process environment (`{{$processEnv X}}`). Owned by the
 * composition root (the editor's activate, the CLI's session) and filled by the executor as
 * it resolves variables; never module-level.
 */
export class SecretValues {
  private readonly values = new Set<string>();
  /** Every encoded form, longest first, so a secret that contains another is replaced whole. */
  private ordered: string[] | undefined;

  add(value: string): void {
    if (value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    if (this.values.size >= MAX_SECRET_VALUES) {
      const oldest = this.values.values().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
    this.values.add(value);
    this.ordered = undefined;
  }

  addAll(values: Iterable<string>): void {
    for (const value of values) this.add(value);
  }

  get size(): number {
    return this.values.size;
  }

  /** `text` with every known secret value (and its encoded forms) replaced by [redacted]. */
  replaceIn(text: string): string {
    if (this.values.size === 0 || text === '') return text;
    this.ordered ??= [...new Set([...this.values].flatMap(encodings))].sort((a, b) => b.length - a.length);
    let result = text;
    for (const form of this.ordered) {
      if (result.includes(form)) result = result.split(form).join(REDACTED);
    }
    return result;
  }
}
