import { TextDecoder } from 'node:util';
import { curlTransportArguments, type CurlTransport } from './curlTransport';
import type { OutgoingRequest } from './types';

/**
 * The request as one POSIX shell command line (bash, zsh, dash), like REST Client's
 * "Copy Request As cURL". Every argument carrying the user's text is single-quoted, so nothing
 * in a URL, header or body is expanded by the shell. `transport` adds what the client would
 * do besides the request itself: its proxy, its certificate checks, its redirects.
 */
export function toCurlCommand(request: OutgoingRequest, transport: CurlTransport = {}): string {
  const { body } = request;
  const hasBody = body !== undefined && body.length > 0;
  const parts = ['curl', ...methodArguments(request.method, hasBody), ...curlTransportArguments(transport, shellQuote)];

  // curl expands [1-3] and {a,b} in URLs; a literal URL must not turn into several requests.
  if (/[[\]{}]/.test(request.url)) parts.push('--globoff');
  parts.push(shellQuote(request.url));

  for (const [name, value] of request.headers) {
    // `-H 'Name:'` tells curl to remove the header; `Name;` is its syntax for an empty value.
    parts.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  }
  if (!hasBody || body === undefined) return parts.join(' ');

  // curl would add Content-Type: application/x-www-form-urlencoded, which this request did not send.
  if (!request.headers.some(([name]) => name.toLowerCase() === 'content-type')) parts.push('-H', shellQuote('Content-Type:'));

  const text = typeof body === 'string' ? body : utf8Text(body);
  if (text !== undefined) return [...parts, '--data-raw', shellQuote(text)].join(' ');
  // A NUL byte can't travel in an argument; printf on stdin carries any byte.
  return `printf ${shellQuote(printfOctal(Buffer.from(body)))} | ${[...parts, '--data-binary', '@-'].join(' ')}`;
}

function methodArguments(method: string, hasBody: boolean): string[] {
  if (method === 'HEAD') return ['--head'];
  // --data-raw makes curl send POST on its own; -X is only needed for any other method.
  if (method === (hasBody ? 'POST' : 'GET')) return [];
  return ['-X', /^[A-Za-z0-9_-]+$/.test(method) ? method : shellQuote(method)];
}

/**
 * Single-quotes `text` for a POSIX shell: inside single quotes nothing is special, and a quote
 * itself is written as '\'' (close, escaped quote, reopen).
 */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The bytes as text when they are UTF-8 without NUL, or undefined when they must be sent byte for byte. */
function utf8Text(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A printf format that prints exactly these bytes (octal escapes are POSIX printf; \x is not). */
function printfOctal(bytes: Uint8Array): string {
  let format = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    format += byte >= 0x20 && byte < 0x7f && char !== '\\' && char !== '%' ? char : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return format;
}
