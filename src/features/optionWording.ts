import type { OptionWording } from '../core/options/optionWording';
import { Settings } from '../ids';

const setting = (key: string) => `${Settings.section}.${key}`;

/**
 * The editor's words for the options error sentences point at: the settings a user opens
 * Settings to change. No `vscode` import, so the unit tests read this table directly.
 */
export const EDITOR_OPTION_WORDING: Readonly<OptionWording> = Object.freeze({
  timeout: setting(Settings.timeoutMs),
  rejectUnauthorized: `set ${setting(Settings.rejectUnauthorized)} to false`,
  maxResponseBodyBytes: setting(Settings.maxResponseBodyBytes),
  // VS Code's own settings: the editor's proxy comes from them before the environment.
  proxy: 'http.proxy',
  noProxy: 'http.noProxy',
  proxyStrictSSL: 'set http.proxyStrictSSL to false',
});
