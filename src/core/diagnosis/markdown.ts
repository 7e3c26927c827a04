/**
 * Markdown building blocks that survive hostile text: server bodies and header values
 * may contain backticks, pipes and HTML, and none of it may break the document around it.
 */

/** Escapes characters Markdown would read as formatting or HTML in running text. */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

/** An inline code span, with a fence longer than any backtick run inside (CommonMark §6.1). */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  if (flat === '') return '';
  const fence = '`'.repeat(longestBacktickRun(flat) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block whose fence can't be closed by the content. */
export function codeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

/** A table cell: code spans for values, pipes escaped (GFM needs `\|` even inside code). */
export function cell(value: string | undefined, asCode = true): string {
  if (value === undefined || value === '') return '—';
  const rendered = asCode ? codeSpan(value) : escapeText(value);
  return asCode ? rendered.replace(/\|/g, '\\|') : rendered;
}

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [tableRow(header), tableRow(header.map(() => '---')), ...rows.map(tableRow)].join('\n');
}

/** Text capped to `max` characters with a note saying how much was left out. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters not shown)`;
}
