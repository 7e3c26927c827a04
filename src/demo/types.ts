/**
 * Shapes shared by the demo API's layers. Handlers return plain response values instead
 * of writing to the socket, so a layer in front (compression, a cache) can rewrite them
 * the way a real proxy rewrites what the origin sent.
 */

/** Epoch milliseconds on some server's clock: the clock-ahead scenario runs its own. */
export type Clock = () => number;

export interface DemoRequest {
  /** Upper-cased; HTTP methods are case-sensitive but nobody means `get` as another verb. */
  readonly method: string;
  /** Decoded path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Raw name/value pairs in arrival order, repeats kept (Node's header object drops some). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

export interface DemoResponse {
  readonly status: number;
  /** A reason phrase other than the standard one (Azure puts its error message there). */
  readonly statusText?: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent for every method but HEAD; Node drops the body of HEAD responses itself. */
  readonly body?: Buffer;
}

export type Handler = (request: DemoRequest) => DemoResponse | Promise<DemoResponse>;

/** The value of a request header, repeats joined with ", " as HTTP allows for lists. */
export function requestHeader(request: DemoRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  const values = request.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  return values.length === 0 ? undefined : values.join(', ');
}

/** A copy of the response with some headers replaced; `undefined` removes a header. */
export function withHeaders(response: DemoResponse, changes: Record<string, string | undefined>): DemoResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!Object.keys(changes).some((changed) => changed.toLowerCase() === name.toLowerCase())) headers[name] = value;
  }
  for (const [name, value] of Object.entries(changes)) if (value !== undefined) headers[name] = value;
  return { ...response, headers };
}

/** Reads one response header case-insensitively. */
export function responseHeader(response: DemoResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(response.headers).find(([key]) => key.toLowerCase() === lower)?.[1];
}
