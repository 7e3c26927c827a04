import { decideProxy } from './proxy';
import { DEFAULT_MAX_REDIRECTS } from './redirects';
import type { HttpClientOptions } from './types';

/** How a copied curl command reaches the server the way the client would: proxy, TLS checks, redirects. */
export interface CurlTransport {
  /** `--proxy`: the proxy the client would use for this URL. */
  proxy?: string;
  /** `--proxy-insecure`: the client would not verify an https:// proxy's certificate (http.proxyStrictSSL off). */
  proxyInsecure?: boolean;
  /** `--noproxy '*'`: the client goes direct although curl would pick a proxy up from the environment. */
  bypassEnvironmentProxy?: boolean;
  /** `--insecure`: the client would not verify the server's certificate (preconditionDoctor.rejectUnauthorized off). */
  insecure?: boolean;
  /** `--location --max-redirs N`: the client would follow redirects (preconditionDoctor.followRedirects). */
  maxRedirects?: number;
}

type TransportSettings = Pick<HttpClientOptions, 'proxy' | 'rejectUnauthorized' | 'followRedirects' | 'maxRedirects'>;

/** The proxy variables curl itself reads; it ignores upper-case HTTP_PROXY on purpose (CGI's HTTP_ headers). */
const CURL_PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'];

/**
 * What curl needs besides the request to send it as the client would. An unusable proxy
 * setting is an error, as it is for sending: nothing would go around it.
 */
export function curlTransportFor(url: string, settings: TransportSettings): CurlTransport | { error: string } {
  const transport: CurlTransport = {};
  const route = decideProxy(url, settings.proxy);
  if (route.kind === 'invalid') return { error: `${route.error}; fix it, or clear it, to copy this request` };
  if (route.kind === 'proxy') {
    transport.proxy = trimSlash(route.proxyUrl);
    if (!route.strictSSL && route.proxyUrl.startsWith('https:')) transport.proxyInsecure = true;
  } else if (CURL_PROXY_VARIABLES.some((name) => (settings.proxy?.env?.[name] ?? '') !== '')) {
    transport.bypassEnvironmentProxy = true;
  }
  if (settings.rejectUnauthorized === false && url.startsWith('https:')) transport.insecure = true;
  if (settings.followRedirects) transport.maxRedirects = settings.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  return transport;
}

/** The proxy's password as [redacted]: it is as secret as an Authorization header. */
export function redactTransport(transport: CurlTransport): CurlTransport {
  return transport.proxy === undefined ? transport : { ...transport, proxy: withoutPassword(transport.proxy) };
}

/** `http://user:secret@proxy:3128` → `http://user:[redacted]@proxy:3128`. */
function withoutPassword(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  return url.password === '' ? proxyUrl : `${url.protocol}//${url.username}:[redacted]@${url.host}`;
}

function trimSlash(proxyUrl: string): string {
  return proxyUrl.endsWith('/') ? proxyUrl.slice(0, -1) : proxyUrl;
}

/** The curl options for `transport`, placed before the URL. */
export function curlTransportArguments(transport: CurlTransport, quote: (text: string) => string): string[] {
  const parts: string[] = [];
  if (transport.insecure) parts.push('--insecure');
  if (transport.maxRedirects !== undefined) parts.push('--location', '--max-redirs', String(transport.maxRedirects));
  if (transport.bypassEnvironmentProxy) parts.push('--noproxy', quote('*'));
  if (transport.proxy !== undefined) parts.push('--proxy', quote(transport.proxy));
  if (transport.proxyInsecure) parts.push('--proxy-insecure');
  return parts;
}
