import type { ParsedHttpFile, ParsedRequest } from './types';

/**
 * The request whose block holds `line`: request line, headers, body or its comments.
 * Blank lines and comments between blocks belong to the block they sit in.
 */
export function findRequestAtLine(file: ParsedHttpFile, line: number): ParsedRequest | undefined {
  const { requests } = file;
  let low = 0;
  let high = requests.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const request = requests[mid];
    if (line < request.startLine) high = mid - 1;
    else if (line > request.endLine) low = mid + 1;
    else return request;
  }
  return undefined;
}
