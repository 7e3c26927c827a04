/**
 * Character classes the parser tests one UTF-16 code unit at a time, so that its hot path can
 * read the document by index instead of running a regex over a copy of every line.
 */

/** `\s` in a JavaScript regex, and exactly what `trim()` removes. */
export function isRegexSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

export function isAsciiLetterOrDigit(code: number): boolean {
  return isAsciiLetter(code) || (code >= 48 && code <= 57);
}

/** RFC 9110 token characters: `!#$%&'*+-.^_\`|~`, digits and letters. */
const TOKEN_CHARS = new Uint8Array(128);
for (const char of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN_CHARS[char.charCodeAt(0)] = 1;

export function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN_CHARS[code] === 1;
}
