/**
 * Turns the errors Node and undici raise into sentences that tell the user what to check or
 * which option to change. Pure: the caller passes the URL that was being contacted, and how
 * its front end words each option (OptionWording: a setting in the editor, a flag in the CLI).
 */
import { NEUTRAL_OPTION_WORDING, type OptionWording } from '../options/optionWording';

// OpenSSL verification codes Node reports when it does not trust a server certificate.
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issued by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT: 'issued by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issued by an unknown certificate authority',
  CERT_UNTRUSTED: 'untrusted certificate',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not valid yet',
  CERT_REVOKED: 'certificate revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for a different host name',
};

/** "127.0.0.1:8080", "example.com:443": the port spelled out, since that is what a user checks first. */
export function hostAndPort(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.hostname}:${port}`;
}

/** A failure before any response arrived. */
export function describeNetworkError(error: unknown, url: URL, wording: OptionWording = NEUTRAL_OPTION_WORDING): string {
  const target = hostAndPort(url);
  for (const cause of causeChain(error)) {
    const sentence = describeCode(cause, url, target, wording);
    if (sentence !== undefined) return sentence;
  }
  const code = causeChain(error).map((cause) => cause.code).find((c) => c !== undefined);
  return `the request to ${target} failed: ${messageOf(error)}${code === undefined ? '' : ` (${code})`}`;
}

/** A failure after the status line and headers arrived, while the body was streaming. */
export function describeIncompleteBody(
  error: unknown,
  url: URL,
  receivedBytes: number,
  declaredLength?: string,
  wording: OptionWording = NEUTRAL_OPTION_WORDING,
): string {
  const of = declaredLength !== undefined ? ` of ${declaredLength}` : '';
  if (isConnectionClosed(error)) {
    return `the server at ${hostAndPort(url)} closed the connection before the response body was complete (received ${receivedBytes}${of} bytes)`;
  }
  return `reading the response body from ${hostAndPort(url)} failed after ${receivedBytes}${of} bytes: ${describeNetworkError(error, url, wording)}`;
}

/** Where a proxy came from and where it is, for the sentences that tell the user what to change. */
export interface ProxyInUse {
  /** `host:port`, never the credentials. */
  proxyHost: string;
  /** `http.proxy`, or the environment variable it was read from. */
  source: string;
  /** The proxy URL's scheme, `http:` or `https:`. */
  protocol: string;
}

/**
 * A failure that happened at the proxy rather than at the server: the proxy refused the
 * connection, its host is unknown, it wants credentials (407) or it would not open a tunnel.
 * undefined when the error says nothing about the proxy, so that the caller falls back to
 * describeNetworkError. Every sentence says where the proxy is set: `http.proxy` when that
 * setting chose it, else the environment variable, and the setting that would win over it
 * where the front end has one.
 */
export function describeProxyError(error: unknown, proxy: ProxyInUse, url: URL, wording: OptionWording = NEUTRAL_OPTION_WORDING): string | undefined {
  const configured = proxy.source === 'http.proxy' ? 'http.proxy' : `the ${proxy.source} environment variable`;
  const where = proxy.source === 'http.proxy' || wording.proxy === undefined ? configured : `${configured}, or set ${wording.proxy}`;
  const causes = causeChain(error);
  const tunnelStatus = causes.map((cause) => /^Proxy response \((\d{3})\) !== 200/.exec(cause.message)?.[1]).find((status) => status !== undefined);
  if (tunnelStatus === '407' || causes.some((cause) => /Proxy Authentication Required|\(407\)/i.test(cause.message))) {
    return `the proxy ${proxy.proxyHost} asks for credentials (407 Proxy Authentication Required): put the user name and password in ${wording.proxy ?? configured}, as http://user:password@${proxy.proxyHost}`;
  }
  if (tunnelStatus !== undefined) {
    return `the proxy ${proxy.proxyHost} would not open a connection to ${hostAndPort(url)} (it answered ${tunnelStatus}): ` +
      `check that the proxy may reach this host, or list the host in ${wording.noProxy}`;
  }
  for (const { code, hostname } of causes) {
    switch (code) {
      case 'ECONNREFUSED':
        return `connection refused by the proxy ${proxy.proxyHost}: is the proxy running? Check ${where}`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `proxy host '${hostname ?? proxy.proxyHost}' not found (DNS): check ${where}`;
      case 'ETIMEDOUT':
      case 'UND_ERR_CONNECT_TIMEOUT':
        return `could not connect to the proxy ${proxy.proxyHost}: the connection attempt timed out; check ${where}`;
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `the proxy ${proxy.proxyHost} is unreachable from this machine (${code}): check ${where}`;
      case 'ECONNRESET':
      case 'UND_ERR_SOCKET':
        // Through a proxy the server's side is the proxy's business; say which hop closed.
        return `the connection through the proxy ${proxy.proxyHost} to ${hostAndPort(url)} was closed before a response arrived: check the proxy's log, and ${where}`;
      default:
        if (code !== undefined && code in CERTIFICATE_PROBLEMS && proxy.protocol === 'https:' && url.protocol === 'http:') {
          // Only the proxy speaks TLS on this route, so the certificate was the proxy's.
          return `the TLS certificate of the proxy ${proxy.proxyHost} was rejected (${CERTIFICATE_PROBLEMS[code]}): if you trust it, ${wording.proxyStrictSSL}`;
        }
    }
  }
  return undefined;
}

export function describeTimeout(url: URL, timeoutMs: number, wording: OptionWording = NEUTRAL_OPTION_WORDING): string {
  return `no response from ${hostAndPort(url)} within ${timeoutMs} ms (${wording.timeout})`;
}

export function describeBodyTimeout(url: URL, timeoutMs: number, receivedBytes: number, wording: OptionWording = NEUTRAL_OPTION_WORDING): string {
  return `the response from ${hostAndPort(url)} did not finish within ${timeoutMs} ms (${wording.timeout}); showing the ${receivedBytes} bytes received`;
}

interface ErrorFacts {
  code?: string;
  message: string;
  hostname?: string;
}

function describeCode(cause: ErrorFacts, url: URL, target: string, wording: OptionWording): string | undefined {
  const { code, message } = cause;
  if (code === undefined) return undefined;
  if (code in CERTIFICATE_PROBLEMS) {
    return `the TLS certificate of ${target} was rejected (${CERTIFICATE_PROBLEMS[code]}): if you trust this server, ${wording.rejectUnauthorized} (development servers only)`;
  }
  if (code.startsWith('HPE_')) {
    const hint = url.protocol === 'http:' ? '; if it serves https on this port, use https://' : '';
    return `the response from ${target} is not valid HTTP/1.1 (${message})${hint}`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused: is anything listening on ${target}?`;
    case 'ENOTFOUND':
      return `host '${cause.hostname ?? url.hostname}' not found (DNS): check the host name in the URL, your network and VPN`;
    case 'EAI_AGAIN':
      return `host '${cause.hostname ?? url.hostname}' could not be resolved right now (DNS lookup failed temporarily): check your network connection`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `the server closed the connection before responding (${target}): check the server's log, and whether it expects ${url.protocol === 'http:' ? 'https://' : 'http://'}`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `could not connect to ${target}: the connection attempt timed out (is the host up, or is a firewall or VPN dropping the traffic?)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return `${target} is unreachable from this machine (${code}): check your network, VPN or proxy`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return `TLS handshake with ${target} failed: the server does not seem to speak https on this port (try http://)`;
    case 'EPROTO':
      return /wrong version number|packet length too long/i.test(message)
        ? `TLS handshake with ${target} failed: the server does not seem to speak https on this port (try http://)`
        : `TLS handshake with ${target} failed: ${message}`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `the server at ${target} stopped sending (${message}); raise ${wording.timeout} if it is just slow`;
    case 'UND_ERR_HEADERS_OVERFLOW':
      return `the response headers from ${target} are larger than the HTTP client accepts`;
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return 'the HTTP client was shut down before the request finished (the extension is reloading or deactivating): send it again';
    case 'UND_ERR_INVALID_ARG':
    case 'UND_ERR_NOT_SUPPORTED':
      return `the HTTP client refused the request: ${message}`;
    default:
      if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return `TLS handshake with ${target} failed: ${message}`;
      return undefined;
  }
}

function isConnectionClosed(error: unknown): boolean {
  return causeChain(error).some((cause) => cause.code === 'ECONNRESET' || cause.code === 'EPIPE' || cause.code === 'UND_ERR_SOCKET');
}

/**
 * The error, its `cause`s and, for AggregateError (Node's happy-eyeballs connect tries every
 * address of a host), the errors it aggregates.
 */
function causeChain(error: unknown): ErrorFacts[] {
  const facts: ErrorFacts[] = [];
  const pending: unknown[] = [error];
  const seen = new Set<unknown>();
  while (pending.length > 0 && facts.length < 20) {
    const current = pending.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as { code?: unknown; message?: unknown; hostname?: unknown; cause?: unknown; errors?: unknown };
    facts.push({
      code: typeof record.code === 'string' ? record.code : undefined,
      message: typeof record.message === 'string' ? record.message : String(current),
      hostname: typeof record.hostname === 'string' ? record.hostname : undefined,
    });
    pending.push(record.cause);
    if (Array.isArray(record.errors)) pending.push(...record.errors);
  }
  return facts;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
