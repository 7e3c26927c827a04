import type { HttpClientOptions, SendResult } from '../http/types';
import type { ParsedRequest } from '../parser/types';
import { probeValidators } from '../validators/probe';
import type { ExchangeHistory } from './exchangeHistory';
import { isCopiedToProbe, probeHeadersFrom, type ProbeTarget } from './probeHeaders';
import type { ExecutorSettings, RequestExecutor, RequestSource } from './requestExecutor';
import type { RequestPath } from './requestPath';

export type ProbeSettings = HttpClientOptions & { signal?: AbortSignal };

export interface ServerProbesDependencies {
  path: RequestPath;
  executor: RequestExecutor;
  history: ExchangeHistory;
  /** The validator store's resource key (`ValidatorStore.keyOf`): which URLs name one resource. */
  keyOf?: (url: string) => string | undefined;
}

/**
 * The safe requests we make on the user's behalf (fetch an ETag, refresh a validator,
 * read the server's version to compare), for the editor and the command line alike.
 * Each repeats the credentials and other non-precondition headers of the request it is
 * made for, so an API that needs auth answers it as it answered the request.
 */
export class ServerProbes {
  constructor(private readonly deps: ServerProbesDependencies) {}

  /**
   * Where a probe for a request in a file goes: the URL and headers of `sent` (its last
   * failed exchange) when there is one, else the request resolved now.
   */
  async targetOfRequest(
    source: RequestSource,
    request: ParsedRequest,
    environmentName: string | undefined,
    settings: ExecutorSettings,
    sent?: SendResult,
  ): Promise<ProbeTarget | { error: string }> {
    if (sent && /^https?:\/\//i.test(sent.url)) return { url: sent.url, headers: probeHeadersFrom(sent) };
    // Only what a probe repeats is resolved: an `If-Match: {{$etag}}` with no tag recorded yet,
    // or a body file, must not stop the probe that is about to find the tag. Host stays: it may complete the URL.
    const probeShaped: ParsedRequest = {
      ...request,
      headers: request.headers.filter((header) => isCopiedToProbe(header.name.text) || header.name.text.toLowerCase() === 'host'),
      body: undefined,
    };
    const resolved = await this.deps.executor.resolve(source, probeShaped, environmentName, settings);
    if (!resolved.ok) return { error: resolved.errors.map((e) => e.message).join('\n') };
    return { url: resolved.request.url, headers: resolved.request.headers.filter(([name]) => isCopiedToProbe(name)) };
  }

  /**
   * Where a probe for a URL alone (the Validators view) goes: the newest exchange with that
   * resource this session, its URL and headers. A record's URL keeps no signature (a SAS, a
   * presigned S3 URL), so the probe takes the signed URL that last reached the resource.
   */
  targetOfUrl(url: string): ProbeTarget {
    const latest = this.deps.history.latestWithUrl(url, this.deps.keyOf);
    return latest ? { url: latest.result.url, headers: probeHeadersFrom(latest.result) } : { url, headers: [] };
  }

  /** HEAD, else GET, for the current ETag and Last-Modified (the request path records them). */
  fetchValidators(target: ProbeTarget, settings: ProbeSettings, purpose: 'probe' | 'refresh' = 'probe'): Promise<SendResult> {
    return probeValidators(this.deps.path, target, settings, purpose);
  }

  /** The server's current representation, unencoded and past caches: the left side of Compare with Server. */
  fetchCurrent(target: ProbeTarget, settings: ProbeSettings): Promise<SendResult> {
    const headers: Array<[string, string]> = [['Accept-Encoding', 'identity'], ['Cache-Control', 'no-cache'], ...target.headers];
    return this.deps.path.send('compare', { method: 'GET', url: target.url, headers }, settings);
  }
}
