import { findRequestAtLine } from '../core/parser/findRequest';
import type { ParsedHttpFile, ParsedRequest } from '../core/parser/types';

export interface RequestSelector {
  all: boolean;
  names: readonly string[];
  /** 1-based. */
  lines: readonly number[];
}

export type Selection = { requests: ParsedRequest[] } | { error: string };

/**
 * The requests to send, in file order, each once. Without a selector httpYac asks which
 * request to send; a CI job can't answer, so we refuse and list the choices instead,
 * except for a file with a single request, where there is nothing to choose.
 */
export function selectRequests(file: ParsedHttpFile, selector: RequestSelector, fileLabel: string): Selection {
  const { requests } = file;
  if (requests.length === 0) return { error: `${fileLabel} holds no request` };
  if (selector.all) return { requests: [...requests] };
  if (selector.names.length === 0 && selector.lines.length === 0) {
    if (requests.length === 1) return { requests: [...requests] };
    return { error: `${fileLabel} holds ${requests.length} requests: choose with --all, --name or --line\n${listRequests(requests)}` };
  }
  const chosen = new Set<ParsedRequest>();
  for (const name of selector.names) {
    const matches = requests.filter((request) => request.name === name);
    if (matches.length === 0) return { error: `no request named '${name}' in ${fileLabel}\n${listRequests(requests)}` };
    for (const match of matches) chosen.add(match);
  }
  for (const line of selector.lines) {
    const request = findRequestAtLine(file, line - 1);
    if (!request) return { error: `line ${line} of ${fileLabel} is not inside a request\n${listRequests(requests)}` };
    chosen.add(request);
  }
  return { requests: requests.filter((request) => chosen.has(request)) };
}

/** One line per request, numbered as --line expects, so the user can copy a choice. */
function listRequests(requests: readonly ParsedRequest[]): string {
  return requests
    .map((request) => {
      const { method, url } = request.requestLine;
      const name = request.name ? `  (${request.name})` : '';
      return `  line ${request.requestLine.span.line + 1}: ${method.text} ${url}${name}`;
    })
    .join('\n');
}
