import { BlockList, isIP } from 'node:net';
import { isLoopbackAddress, isLoopbackHost } from './loopback';

/**
 * Which proxy, if any, carries a request: VS Code's `http.proxy`, `http.noProxy` and
 * `http.proxyStrictSSL` settings, with the conventional environment variables as the
 * fallback. Pure: the caller passes the settings and the environment it wants honoured.
 */
export interface ProxySettings {
  /** `http.proxy`: `http://[user:password@]host:port`. Empty or absent: the environment decides. */
  proxyUrl?: string;
  /** `http.noProxy`: hosts reached directly. Empty or absent: `NO_PROXY` from the environment decides. */
  noProxy?: readonly string[];
  /** `http.proxyStrictSSL`: verify the certificate of an `https://` proxy (default true). */
  strictSSL?: boolean;
  /**
   * Where `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (and their lower-case forms) are read;
   * the extension passes `process.env`. Absent: no environment fallback.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Where the proxy URL came from, for sentences that tell the user what to change. */
export type ProxySource = 'http.proxy' | 'HTTP_PROXY' | 'http_proxy' | 'HTTPS_PROXY' | 'https_proxy';

export type ProxyDecision =
  | { kind: 'direct' }
  | {
      kind: 'proxy';
      /** Normalised, credentials included: what undici's ProxyAgent connects to. */
      proxyUrl: string;
      /** `host:port` of the proxy, never the credentials: safe for messages and logs. */
      proxyHost: string;
      source: ProxySource;
      strictSSL: boolean;
    }
  /** The configured proxy cannot be used at all; nothing may be sent around it. */
  | { kind: 'invalid'; error: string };

/**
 * The decision for one request URL. `http.proxy` wins over the environment; for the
 * environment, `https://` requests read `https_proxy`, `HTTPS_PROXY`, then the `HTTP_PROXY`
 * pair (as VS Code does), `http://` requests only the `HTTP_PROXY` pair. Lower case is
 * read first, as curl does. A host that `http.noProxy` (or, when that is empty, `NO_PROXY`)
 * names is reached directly.
 */
export function decideProxy(target: URL | string, settings: ProxySettings | undefined): ProxyDecision {
  if (settings === undefined) return { kind: 'direct' };
  const url = typeof target === 'string' ? safeUrl(target) : target;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) return { kind: 'direct' };

  const chosen = chooseProxyUrl(url, settings);
  if (chosen === undefined) return { kind: 'direct' };
  if (bypassesProxy(url, noProxyEntries(settings))) return { kind: 'direct' };

  const proxy = parseProxyUrl(chosen.value);
  if ('error' in proxy) return { kind: 'invalid', error: `${describeSource(chosen.source)} ${proxy.error}` };
  return { kind: 'proxy', proxyUrl: proxy.url.href, proxyHost: proxy.url.host, source: chosen.source, strictSSL: settings.strictSSL !== false };
}

/** "the http.proxy setting", "the HTTPS_PROXY environment variable": where to go to change it. */
export function describeSource(source: ProxySource): string {
  return source === 'http.proxy' ? 'the http.proxy setting' : `the ${source} environment variable`;
}

/**
 * The `NO_PROXY` entries in force: `http.noProxy` when it has any, else `no_proxy` or
 * `NO_PROXY` from the environment, split at commas and whitespace.
 */
export function noProxyEntries(settings: ProxySettings): string[] {
  const fromSetting = (settings.noProxy ?? []).flatMap(splitList);
  if (fromSetting.length > 0) return fromSetting;
  return splitList(nonEmpty(settings.env?.no_proxy) ?? nonEmpty(settings.env?.NO_PROXY) ?? '');
}

/**
 * Whether one of the entries sends `target` around the proxy. The forms, case-insensitive:
 * - `*`: every host;
 * - `example.com`: that host and its subdomains (`api.example.com`), as curl and Go read it;
 * - `.example.com` or `*.example.com`: the same;
 * - any of the above with `:port`: only requests to that port (80 and 443 count when left out of the URL);
 * - an IP address (`127.0.0.1`, `::1`, `[::1]:8080`) or an IPv4/IPv6 range (`10.0.0.0/8`);
 * - `localhost` and the loopback addresses stand for each other: `localhost` also covers
 *   127.0.0.0/8 and ::1, and `127.0.0.1` also covers `localhost`, because a user who wrote
 *   one means "this machine".
 */
export function bypassesProxy(target: URL, entries: readonly string[]): boolean {
  const host = normaliseHost(target.hostname);
  const port = effectivePort(target);
  return entries.some((entry) => entryMatches(entry, host, port));
}

function entryMatches(rawEntry: string, host: string, port: number): boolean {
  const entry = rawEntry.trim().toLowerCase();
  if (entry === '') return false;
  if (entry === '*') return true;

  const { pattern, port: entryPort } = splitEntryPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;

  if (pattern.includes('/')) return inRange(host, pattern);
  const ipVersion = isIP(pattern);
  if (ipVersion !== 0) {
    if (isLoopbackAddress(pattern) && isLoopbackHost(host)) return true;
    return isIP(host) === ipVersion && sameAddress(pattern, host, ipVersion);
  }

  const domain = normaliseHost(pattern.replace(/^\*?\./, ''));
  if (domain === '') return false;
  if (domain === 'localhost' && isLoopbackHost(host)) return true;
  return host === domain || host.endsWith(`.${domain}`);
}

/** `example.com:8080` → pattern and port; `[::1]:8080` → `::1` and 8080; a bare IPv6 address keeps its colons. */
function splitEntryPort(entry: string): { pattern: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { pattern: bracketed[1], port: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { pattern: withPort[1], port: Number(withPort[2]) };
  return { pattern: entry };
}

function inRange(host: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const version = isIP(network);
  const prefix = Number(bits);
  if (version === 0 || isIP(host) !== version || !Number.isInteger(prefix) || prefix < 0 || prefix > (version === 4 ? 32 : 128)) return false;
  const type = version === 4 ? 'ipv4' : 'ipv6';
  const range = new BlockList();
  range.addSubnet(network, prefix, type);
  return range.check(host, type);
}

function sameAddress(a: string, b: string, version: number): boolean {
  const list = new BlockList();
  const type = version === 4 ? 'ipv4' : 'ipv6';
  list.addAddress(a, type);
  return list.check(b, type);
}

/** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name. */
function normaliseHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function chooseProxyUrl(target: URL, settings: ProxySettings): { value: string; source: ProxySource } | undefined {
  const fromSetting = nonEmpty(settings.proxyUrl);
  if (fromSetting !== undefined) return { value: fromSetting, source: 'http.proxy' };
  const env = settings.env ?? {};
  const order: ProxySource[] = target.protocol === 'https:'
    ? ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']
    : ['http_proxy', 'HTTP_PROXY'];
  for (const name of order) {
    const value = nonEmpty(env[name]);
    if (value !== undefined) return { value, source: name };
  }
  return undefined;
}

/** `proxy.corp:3128` means `http://proxy.corp:3128`, as every tool that reads these variables assumes. */
function parseProxyUrl(value: string): { url: URL } | { error: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const url = safeUrl(withScheme);
  if (url === undefined || url.hostname === '') {
    return { error: `'${withoutCredentials(value)}' is not a proxy URL: write it as http://host:port` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `names a ${url.protocol.slice(0, -1)} proxy (${url.host}), which is not supported: use an http:// or https:// proxy` };
  }
  return { url };
}

/** The value with any `user:password@` replaced, so a malformed proxy URL can be quoted safely. */
function withoutCredentials(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//…@').replace(/^[^/@]*@/, '…@');
}

function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter((entry) => entry !== '');
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
