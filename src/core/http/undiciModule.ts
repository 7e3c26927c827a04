import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici, loaded on the first request instead of when the extension loads: evaluating it is
 * about half of the bundle's load time, and activation sends nothing (bench/: activation).
 * Import undici's types anywhere, but its values only through this. In the extension this
 * require() reads dist/undici.js, a file of its own (scripts/build.mjs).
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
