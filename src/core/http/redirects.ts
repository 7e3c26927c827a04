import type { PreparedRequest } from './preparedRequest';

export const DEFAULT_MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Credentials meant for one origin must not be handed to another (what browsers and undici do).
const ORIGIN_BOUND_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'host']);

/** The Location to follow, or undefined when this response is not a redirect we can follow. */
function redirectLocation(status: number, headers: Record<string, string>): string | undefined {
  if (!REDIRECT_STATUSES.has(status)) return undefined;
  const location = headers['location'];
  return location === undefined || location.trim() === '' ? undefined : location.trim();
}

/**
 * The request to send next. Only 303 turns the request into a GET without a body: a PUT with
 * If-Match redirected by 301/302/307/308 stays a PUT with its preconditions, so what the server
 * finally answers is still an answer to the user's request (undici and RFC 9110 agree; browsers
 * also rewrite POST on 301/302, which would hide a 412 behind a harmless GET).
 */
function redirectTarget(current: PreparedRequest, status: number, location: string): PreparedRequest | { error: string } {
  let next: URL;
  try {
    next = new URL(location, current.url);
  } catch {
    return { error: `the server redirected to '${location}', which is not a valid URL` };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return { error: `the server redirected to '${next.href}': only http:// and https:// redirects are followed` };
  }

  const sameOrigin = next.origin === current.url.origin;
  const becomesGet = status === 303 && current.method !== 'HEAD';
  const headers = current.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    if (!sameOrigin && ORIGIN_BOUND_HEADERS.has(lower)) return false;
    // The body is gone after 303, and so is everything that described it.
    return !(becomesGet && lower.startsWith('content-'));
  });
  next.hash = '';
  return {
    method: becomesGet ? 'GET' : current.method,
    url: next,
    urlText: next.href,
    headers,
    body: becomesGet ? undefined : current.body,
  };
}

/** What a response means for a client that follows redirects. */
export type RedirectStep =
  /** Not a redirect: the response to show. */
  | undefined
  /** The request to send next. */
  | { next: PreparedRequest }
  /** A redirect that is not followed: its response is shown with this sentence. */
  | { refused: string };

/**
 * The step after `current` got `status` and `headers`, when `followed` redirects led to it and
 * `visited` holds every URL requested so far (the first included).
 */
export function redirectStep(
  current: PreparedRequest,
  status: number,
  headers: Record<string, string>,
  followed: number,
  maxRedirects: number,
  visited: ReadonlySet<string>,
): RedirectStep {
  const location = redirectLocation(status, headers);
  if (location === undefined) return undefined;
  const next = redirectTarget(current, status, location);
  if ('error' in next) return { refused: next.error };
  if (followed >= maxRedirects) return { refused: describeTooManyRedirects(followed, next.url.href, visited) };
  return { next };
}

function describeTooManyRedirects(followed: number, lastLocation: string, visited: ReadonlySet<string>): string {
  const loop = visited.has(lastLocation) ? `redirect loop (${lastLocation} was already visited): ` : 'too many redirects: ';
  return `${loop}stopped after following ${followed} redirect${followed === 1 ? '' : 's'}; the server keeps sending Location: ${lastLocation}`;
}
