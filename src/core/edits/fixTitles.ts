/** Quick-fix titles exactly as CONTRACTS.md names them: tests and docs match on them. */
export const FixTitles = {
  replaceIfMatch: (tag: string) => `Replace If-Match with freshest ETag ${tag}`,
  fetchAndUpdateIfMatch: 'Fetch fresh ETag and update If-Match',
  resendNamedRequest: (name: string) => `Re-send request '${name}' to refresh {{${name}.response…}}`,
  useStrongEtag: (tag: string) => `Use strong ETag ${tag}`,
  quoteEntityTag: 'Quote entity tag',
  updateIfUnmodifiedSince: (date: string) => `Update If-Unmodified-Since to ${date}`,
  rewriteAsHttpDate: 'Rewrite as HTTP-date',
  addIfMatch: (tag: string) => `Add If-Match with freshest ETag ${tag}`,
  fetchAndAddIfMatch: 'Fetch ETag and add If-Match',
  removeIfMatch: 'Remove If-Match (testing only: risks lost updates)',
  explain: 'Explain this 412',
  selectEnvironment: (name: string) => `Select environment '${name}'`,
  /** A 428 is not a 412: the menu names the status the user actually got. */
  explain428: 'Explain this 428',
} as const;
