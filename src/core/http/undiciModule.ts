import type * as Undici from 'undici';

export type UndiciModule = typeof Undici;

/**
 * undici, loaded on the first request instead of when the extension loads: evaluating it is
 * about half of the bundle's load time, and activation sends nothing (bench/: activation).
 * Import undici's types anywhere, but its values only through this; the HttpClient that
 * calls it keeps the module for its lifetime. In the extension this require() reads
 * dist/undici.js, a file of its own (scripts/build.mjs).
 */
export function loadUndici(): UndiciModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('undici') as UndiciModule;
}
