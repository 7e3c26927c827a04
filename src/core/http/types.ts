import type { OptionWording } from '../options/optionWording';
import type { ProxySettings } from './proxy';

/** A request ready for the wire: variables resolved, headers validated. */
export interface OutgoingRequest {
  method: string;
  url: string;
  /** In file order, names as written; duplicates allowed. */
  headers: Array<[name: string, value: string]>;
  body?: string | Uint8Array;
}

/** The public result of one exchange (CONTRACTS.md `SendResult`). A plain JSON-able object. */
export interface SendResult {
  method: string;
  url: string;
  /** Names lower-cased; exactly what went on the wire. */
  requestHeaders: Record<string, string>;
  /** Text as sent; omitted for binary bodies. */
  requestBody?: string;
  /** 0 when no response arrived (then `error` is set). */
  status: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  responseHeaders: Record<string, string>;
  /** Decoded for display and capped; '' for HEAD. */
  bodyText: string;
  durationMs: number;
  /** A sentence a user can act on, for failures before or during the exchange. */
  error?: string;
}

export interface HttpClientOptions {
  /** For the whole exchange, redirects and body included; 0 means no limit. */
  timeoutMs: number;
  /** Wire bytes read before the rest is dropped with a note. */
  maxResponseBodyBytes: number;
  followRedirects: boolean;
  /** Maximum redirects followed when followRedirects is on (default 10). */
  maxRedirects?: number;
  /**
   * Verify TLS certificates (default true).
   * false accepts self-signed certificates: for local development servers only.
   */
  rejectUnauthorized?: boolean;
  /**
   * VS Code's http.proxy, http.noProxy and http.proxyStrictSSL, and the environment to fall
   * back on (HTTP_PROXY, HTTPS_PROXY, NO_PROXY). Absent: every request goes directly.
   */
  proxy?: ProxySettings;
  /**
   * How the front end that sends words each option in an error sentence or a note (a setting in
   * the editor, a flag on the command line). Absent: neutral words, never a setting id.
   */
  wording?: OptionWording;
}
