/**
 * Query parameters that only sign or authorize a request (CONTRACTS.md "Resource identity"):
 * a blob read through one SAS URL and written through another is one resource, so its
 * validators must land in one record. Names compare case-insensitively.
 */

/** Credentials on their own: whatever else the URL holds, they never pick a resource. */
const CREDENTIALS = ['access_token', 'api_key', 'apikey', 'token', 'code'];

/** Whole families: S3 SigV4 presigning and Google Cloud Storage V4 signing. */
const PREFIXES = ['x-amz-', 'x-goog-'];

/**
 * Groups of short, common words that sign a URL only together with their signature. `?st=open`
 * or `?sr=date` filters a list on many APIs; an Azure SAS always carries `sig`, and a CloudFront
 * or S3 (version 2) signed URL always carries `Signature`. Without that, the words are data.
 */
const SIGNED_GROUPS: ReadonlyArray<{ signature: string; names: readonly string[] }> = [
  { signature: 'sig', names: ['sv', 'ss', 'srt', 'sp', 'se', 'st', 'spr', 'sig', 'skoid', 'sktid', 'skt', 'ske', 'sks', 'skv', 'sr', 'sdd'] },
  { signature: 'signature', names: ['signature', 'expires', 'awsaccesskeyid', 'key-pair-id', 'policy'] },
];

/**
 * Decides which query parameters a resource key leaves out: the built-in names above plus
 * the `preconditionDoctor.validators.ignoredQueryParameters` setting (exact names, or a
 * prefix ending in `*`). Immutable: a changed setting makes a new one.
 */
export class SigningParameters {
  private readonly names: ReadonlySet<string>;
  private readonly prefixes: readonly string[];

  constructor(extra: readonly string[] = []) {
    const names = new Set(CREDENTIALS);
    const prefixes = [...PREFIXES];
    for (const raw of extra) {
      if (typeof raw !== 'string') continue;
      const name = raw.trim().toLowerCase();
      if (name === '' || name === '*') continue;
      if (name.endsWith('*')) prefixes.push(name.slice(0, -1));
      else names.add(name);
    }
    this.names = names;
    this.prefixes = prefixes;
  }

  /**
   * The query (the text after `?`, without it) with the signing parameters removed, the rest
   * kept byte for byte and in order; the same string when nothing was removed, so a caller can
   * compare by identity and skip the work of rebuilding a URL.
   */
  stripFrom(query: string): string {
    if (query === '') return query;
    const pairs = query.split('&');
    const names = pairs.map(nameOf);
    const present = new Set(names);
    const kept: string[] = [];
    for (let i = 0; i < pairs.length; i++) {
      if (!this.isSigning(names[i], present)) kept.push(pairs[i]);
    }
    return kept.length === pairs.length ? query : kept.join('&');
  }

  private isSigning(name: string, present: ReadonlySet<string>): boolean {
    if (this.names.has(name)) return true;
    for (const prefix of this.prefixes) if (name.startsWith(prefix)) return true;
    for (const group of SIGNED_GROUPS) if (present.has(group.signature) && group.names.includes(name)) return true;
    return false;
  }
}

/** The built-in rules alone: what a key means when no setting is involved. */
export const BUILT_IN_SIGNING_PARAMETERS = new SigningParameters();

/** A pair's name, decoded and lower-cased: `X-Amz-Signature`, `x%2Damz%2Dsignature` and `X-AMZ-SIGNATURE` are one. */
function nameOf(pair: string): string {
  const end = pair.indexOf('=');
  const raw = end < 0 ? pair : pair.slice(0, end);
  if (!raw.includes('%') && !raw.includes('+')) return raw.toLowerCase();
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}
