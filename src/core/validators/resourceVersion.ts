/**
 * Entity-tag comparisons the store needs to tell "the same resource version in
 * another content coding" from "a newer version". Not a full RFC 9110 parser:
 * tags are kept exactly as received, so these helpers tolerate unquoted tags.
 */

import { opaqueOf } from '../preconditions/entityTag';

/** Compression filters that rewrite a strong tag by appending the coding: Apache
 * mod_deflate/mod_brotli (`"abc-gzip"`, `"abc-br"`) and Jetty (`"abc--gzip"`). */
const CODING_SUFFIX = /-{1,2}(?:gzip|br|deflate|zstd)$/;

/** `W/` is case-sensitive (RFC 9110 §8.8.3). */
export function isWeakEntityTag(tag: string): boolean {
  return tag.startsWith('W/');
}

/**
 * The part of a tag that identifies the resource version: `W/`, the quotes and a
 * coding suffix removed, so `W/"abc"`, `"abc"` and `"abc-gzip"` all give `abc`.
 */
export function resourceVersionOf(tag: string): string {
  return opaqueOf(tag.trim()).replace(CODING_SUFFIX, '');
}

export function isSameResourceVersion(a: string, b: string): boolean {
  return resourceVersionOf(a) === resourceVersionOf(b);
}
