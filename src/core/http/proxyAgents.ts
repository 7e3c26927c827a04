import type { LookupFunction } from 'node:net';
import type { Pool, ProxyAgent } from 'undici';
import type { PreparedRequest } from './preparedRequest';
import type { ProxyDecision } from './proxy';
import type { UndiciModule } from './undiciModule';

export type ProxyRoute = Extract<ProxyDecision, { kind: 'proxy' }>;

/**
 * One undici ProxyAgent per proxy URL, `http.proxyStrictSSL` and target certificate check,
 * kept for the client's lifetime so that proxied requests reuse their connections, and
 * destroyed with it. Created on first use: most users have no proxy.
 */
export class ProxyAgents {
  private readonly agents = new Map<string, ProxyAgent>();

  dispatcherFor(undici: UndiciModule, route: ProxyRoute, verifyTarget: boolean, lookup: LookupFunction | undefined): ProxyAgent {
    // Certificate checks are part of the key for the reason HttpClient keeps two direct agents:
    // a connection made with checks off must never carry a request that wants them on.
    const key = JSON.stringify([route.proxyUrl, route.strictSSL, verifyTarget]);
    let agent = this.agents.get(key);
    if (agent === undefined) {
      agent = createProxyAgent(undici, route, verifyTarget, lookup);
      this.agents.set(key, agent);
    }
    return agent;
  }

  async destroy(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.destroy()));
  }
}

function createProxyAgent(undici: UndiciModule, route: ProxyRoute, verifyTarget: boolean, lookup: LookupFunction | undefined): ProxyAgent {
  const { ProxyAgent: ProxyAgentClass, Pool: PoolClass } = undici;
  const withLookup = lookup === undefined ? {} : { lookup };
  // As for direct requests, the exchange deadline is the one time limit; the pools the proxy
  // agent makes for itself would otherwise bring undici's 300 s header and body timers back.
  const noUndiciTimers = { headersTimeout: 0, bodyTimeout: 0 };
  return new ProxyAgentClass({
    uri: route.proxyUrl,
    // http:// requests go to the proxy as absolute-form requests, which a forwarding proxy reads
    // (and may rewrite, as the tests prove); https:// requests go through a CONNECT tunnel.
    // VS Code's own proxy support does the same.
    proxyTunnel: false,
    ...noUndiciTimers,
    factory: (origin: string | URL, options: object) => new PoolClass(origin, { ...(options as Pool.Options), ...noUndiciTimers }),
    // The proxy's own TLS (an https:// proxy) follows http.proxyStrictSSL; the target's follows
    // preconditionDoctor.rejectUnauthorized, as for direct requests.
    proxyTls: { rejectUnauthorized: route.strictSSL, ...withLookup },
    requestTls: { rejectUnauthorized: verifyTarget },
  });
}

/**
 * The request's headers for a ProxyAgent, which turns a flat header list into an object and
 * would keep only the last of two `If-Match` lines: repeated names become arrays, so every
 * line is still sent, in order within its name. `Host` is keyed `host`, the spelling
 * ProxyAgent looks for before adding its own.
 */
export function proxiedHeaders(headers: PreparedRequest['headers']): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of headers) {
    const key = name.toLowerCase() === 'host' ? 'host' : name;
    const existing = record[key];
    record[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return record;
}

/** A header the ProxyAgent refuses to send, with what to do instead; undefined when there is none. */
export function proxyAuthorizationProblem(headers: PreparedRequest['headers'], route: ProxyRoute): string | undefined {
  if (!headers.some(([name]) => name.toLowerCase() === 'proxy-authorization')) return undefined;
  const configured = route.source === 'http.proxy' ? 'http.proxy' : `the ${route.source} environment variable`;
  return `the request has a Proxy-Authorization header, but it goes through the proxy ${route.proxyHost}, ` +
    `which takes its credentials from ${configured}: write them there (http://user:password@host:port) and remove the header`;
}
