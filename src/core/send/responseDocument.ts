import type { SendResult } from '../http/types';

export interface ResponseDocument {
  /** A VS Code language id chosen from the Content-Type, so the body gets its own highlighting and folding. */
  language: string;
  text: string;
}

/**
 * The read-only response tab: status line and headers first, then the body, pretty-printed
 * when it is JSON. The head is written as a comment of the body's language so the body
 * keeps its highlighting, folding and bracket matching.
 */
export function formatResponseDocument(result: SendResult): ResponseDocument {
  const head = describeHead(result);
  if (result.status === 0) return { language: 'plaintext', text: `${head.join('\n')}\n` };
  const { language: kind, body } = displayBody(result);
  const headText = commentOut(head, kind);
  return { language: kind, text: body === '' ? `${headText}\n` : `${headText}\n\n${body}${body.endsWith('\n') ? '' : '\n'}` };
}

/** The response body as shown: pretty-printed when it is JSON, with the language to show it in. */
export function displayBody(result: SendResult): { language: string; body: string } {
  const language = languageFor(result.responseHeaders['content-type'] ?? '', result.bodyText);
  return { language, body: language === 'jsonc' ? prettyJson(result.bodyText) : result.bodyText };
}

function describeHead(result: SendResult): string[] {
  const lines = [`${result.method} ${result.url}`];
  if (result.status === 0) {
    lines.push('', `No response: ${result.error ?? 'unknown error'}`);
    return lines;
  }
  lines.push(`HTTP ${result.status} ${result.statusText}  (${Math.round(result.durationMs)} ms)`);
  for (const [name, value] of Object.entries(result.responseHeaders)) lines.push(`${name}: ${value}`);
  return lines;
}

function languageFor(contentType: string, body: string): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'jsonc';
  if (type === '' && /^\s*[{[]/.test(body) && isJson(body)) return 'jsonc';
  if (type.endsWith('/xml') || type.endsWith('+xml')) return 'xml';
  if (type === 'text/html') return 'html';
  if (type === 'text/css') return 'css';
  if (type.endsWith('/javascript')) return 'javascript';
  return 'plaintext';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function commentOut(lines: string[], language: string): string {
  if (language === 'jsonc' || language === 'javascript') return lines.map((line) => (line ? `// ${line}` : '//')).join('\n');
  if (language === 'xml' || language === 'html') return `<!--\n${lines.map((l) => l.replace(/--/g, '- -')).join('\n')}\n-->`;
  if (language === 'css') return `/*\n${lines.map((l) => l.replace(/\*\//g, '* /')).join('\n')}\n*/`;
  return lines.join('\n');
}
