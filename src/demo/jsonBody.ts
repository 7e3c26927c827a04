/** Request bodies of the demo origin: JSON documents and JSON merge patches (RFC 7396). */
import type { JsonValue } from './resourceStore';

export type ParsedBody = { readonly ok: true; readonly data: JsonValue } | { readonly ok: false; readonly problem: string };

export function parseJsonBody(body: Buffer): ParsedBody {
  const text = body.toString('utf8');
  if (text.trim() === '') return { ok: false, problem: 'The request has no body; send a JSON document.' };
  try {
    return { ok: true, data: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { ok: false, problem: `The body is not valid JSON: ${(error as Error).message}` };
  }
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7396: objects merge member by member, null removes a member, anything else replaces. */
export function applyMergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return patch;
  const result: { [key: string]: JsonValue } = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key] ?? null, value);
  }
  return result;
}
