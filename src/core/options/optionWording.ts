/**
 * How a user changes each option an error sentence may point at. The core writes the sentence;
 * the front end that shows it says where the option lives: a setting id in the editor, a flag
 * or an environment variable on the command line. Carried in HttpClientOptions rather than
 * left as a placeholder for each front end to replace, because a sentence travels far from
 * where it was made (SendResult.error, response documents, history, traces, --json) and a
 * placeholder would have to be found and replaced in every one of them.
 *
 * Each value fills one slot of the sentences, which the comment on it shows.
 */
export interface OptionWording {
  /** The time limit of an exchange: "no response within 500 ms (X)", "raise X if it is just slow". */
  timeout: string;
  /** What to do to accept a server certificate that doesn't verify: "if you trust this server, X (development servers only)". */
  rejectUnauthorized: string;
  /** What caps a response body: "response body exceeded 5 MB (X)". */
  maxResponseBodyBytes: string;
  /**
   * Where a proxy URL is set that wins over the environment variables: "check the HTTPS_PROXY
   * environment variable, or set X". Absent where only the environment sets the proxy.
   */
  proxy?: string;
  /** Where hosts are listed that bypass the proxy: "list the host in X". */
  noProxy: string;
  /** What to do to accept a proxy certificate that doesn't verify: "if you trust it, X". */
  proxyStrictSSL: string;
}

export type OptionKey = keyof OptionWording;

/**
 * For a caller that says nothing (tests, a future front end): words no front end would use, and
 * never a setting id, so no sentence sends a command-line user looking for an editor setting.
 */
export const NEUTRAL_OPTION_WORDING: Readonly<OptionWording> = Object.freeze({
  timeout: 'the request timeout',
  rejectUnauthorized: 'turn off certificate verification for it',
  maxResponseBodyBytes: 'the response size limit',
  noProxy: 'the list of hosts that bypass the proxy',
  proxyStrictSSL: 'turn off certificate verification for the proxy',
});
