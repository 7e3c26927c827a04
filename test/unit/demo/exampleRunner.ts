/**
 * Just enough of the `.http` format to replay the examples workspace against the demo
 * API: `###` blocks, `# @name`, request line, headers, body, and the variables the
 * examples use. Kept independent of the extension's parser on purpose: these tests
 * check the walkthroughs, not the parser.
 */
import { rawRequest, type RawResponse } from './demoHarness';

export interface ExampleRequest {
  readonly title: string;
  readonly name?: string;
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
}

export function parseExampleFile(text: string): ExampleRequest[] {
  const requests: ExampleRequest[] = [];
  const blocks = text.split(/^###[ \t]*/m).slice(1);
  for (const block of blocks) {
    const [title, ...lines] = block.split('\n');
    let index = 0;
    let name: string | undefined;
    for (; index < lines.length && (lines[index].trim() === '' || lines[index].startsWith('#')); index++) {
      name = /^#\s*@name\s+(\S+)/.exec(lines[index])?.[1] ?? name;
    }
    const [method, url] = lines[index++].trim().split(/\s+/);
    const headers: Array<[string, string]> = [];
    for (; index < lines.length && lines[index].trim() !== ''; index++) {
      const colon = lines[index].indexOf(':');
      headers.push([lines[index].slice(0, colon).trim(), lines[index].slice(colon + 1).trim()]);
    }
    const body = lines.slice(index).join('\n').trim();
    requests.push({ title: title.trim(), name, method, url, headers, body: body === '' ? undefined : body });
  }
  return requests;
}

export type ReplayResult = number | 'unresolved';

/** Sends the requests in order, resolving variables from earlier responses; returns the statuses. */
export async function replayExample(requests: readonly ExampleRequest[], baseUrl: string): Promise<ReplayResult[]> {
  const named = new Map<string, RawResponse>();
  const resolve = (text: string): string | undefined => {
    let unresolved = false;
    const value = text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_whole, expression: string) => {
      if (expression === 'baseUrl') return baseUrl;
      if (expression === '$datetime rfc1123') return new Date().toUTCString();
      const reference = /^(\w+)\.response\.headers\.([\w-]+)$/.exec(expression);
      const header = reference && named.get(reference[1])?.headers[reference[2].toLowerCase()];
      if (typeof header === 'string') return header;
      unresolved = true;
      return '';
    });
    return unresolved ? undefined : value;
  };
  const statuses: ReplayResult[] = [];
  for (const request of requests) {
    const url = resolve(request.url);
    const headers = request.headers.map(([name, value]) => [name, resolve(value)] as const);
    const body = request.body === undefined ? undefined : resolve(request.body);
    if (url === undefined || headers.some(([, value]) => value === undefined) || (request.body !== undefined && body === undefined)) {
      statuses.push('unresolved');
      continue;
    }
    const response = await rawRequest(url, request.method, headers as Array<[string, string]>, body);
    if (request.name) named.set(request.name, response);
    statuses.push(response.status);
  }
  return statuses;
}
