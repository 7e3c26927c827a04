import type { OptionWording } from '../core/options/optionWording';

/**
 * The command line's words for the options error sentences point at: its flags (args.ts), and
 * what to do where it has none. No editor setting id: a CI log has no Settings to open.
 */
export const CLI_OPTION_WORDING: Readonly<OptionWording> = Object.freeze({
  timeout: '--timeout',
  rejectUnauthorized: 'run again with --insecure',
  // No flag: the cap is fixed (sendCommand.ts), so say how to get the whole body.
  maxResponseBodyBytes: 'the command line keeps this much; fetch it with curl to see all of it',
  // No `proxy`: only HTTP_PROXY and HTTPS_PROXY could set one here, and the sentence names the one it read.
  noProxy: 'NO_PROXY',
  // Node reads extra trusted certificate authorities from this variable at start-up.
  proxyStrictSSL: 'name its certificate authority in NODE_EXTRA_CA_CERTS',
});
