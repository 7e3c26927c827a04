/**
 * The document's lines split on CRLF, LF and lone CR (a leading BOM dropped), as editors count
 * them. Written with split() on purpose: the parser reads lines through its own index
 * (src/core/parser/lineIndex.ts), and tests check it and its positions against this.
 */
export function splitLines(text: string): string[] {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.split(/\r\n|\r|\n/);
}
