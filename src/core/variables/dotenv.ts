/** Parses a `.env` file: `KEY=value`, optional `export`, quotes, `#` comments. Never throws. */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r\n|\r|\n/)) {
    // On the line without trailing whitespace, and `([^]*)$` rather than `(.*?)\s*$`, which retried
    // `\s*$` from every position of a run of spaces inside a value: quadratic (found by test/unit/fuzz).
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*([^]*)$/.exec(raw.trimEnd());
    if (!match) continue;
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      // A comment starts at the first '#' after whitespace; searched for, since /\s+#.*$/ is quadratic in runs of spaces.
      const comment = value.search(/\s#/);
      if (comment >= 0) value = value.slice(0, comment).trimEnd();
    }
    values[match[1]] = value;
  }
  return values;
}
