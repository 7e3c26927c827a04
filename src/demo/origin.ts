/**
 * The demo origin: JSON documents under one collection path, with RFC 9110 §13.2.2
 * preconditions evaluated by the same core the extension uses. Every scenario is this
 * origin, alone or behind a layer that bends the rules the way a real server does.
 */
import { evaluatePreconditions } from '../core/preconditions/evaluate';
import { formatHttpDate } from '../core/preconditions/httpDate';
import { collectPreconditionHeaders, type PreconditionHeaders } from '../core/preconditions/preconditionHeaders';
import { serveCollection } from './collection';
import { refusalFor, serveRepresentation } from './conditionalResponses';
import { applyMergePatch, parseJsonBody } from './jsonBody';
import { preconditionRequired } from './preconditionFailures';
import type { JsonValue, ResourceStore } from './resourceStore';
import { methodNotAllowed, notFound, problemResponse, representationResponse } from './responses';
import type { Clock, DemoRequest, DemoResponse, Handler } from './types';

export interface OriginOptions {
  readonly store: ResourceStore;
  readonly clock: Clock;
  /** e.g. `/items`: GET lists it, POST creates in it, `/items/{id}` are the documents. */
  readonly collectionPath: string;
  /** Answer 428 to PUT/PATCH/DELETE without If-Match (If-None-Match: * may create). */
  readonly requireIfMatch?: boolean;
  /** Cache-Control of representations; only the cache scenario lets a cache reuse them. */
  readonly cacheControl?: string;
}

const ITEM_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const UNSAFE_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);
const ID_PATTERN = /^[A-Za-z0-9._~-]{1,64}$/;

export function createOrigin(options: OriginOptions): Handler {
  return (request) => {
    if (request.path === options.collectionPath) return serveCollection(request, options);
    const id = request.path.slice(options.collectionPath.length + 1);
    if (!request.path.startsWith(`${options.collectionPath}/`) || !ID_PATTERN.test(id)) return notFound(request.path, options.clock);
    return serveDocument(request, options);
  };
}

/** The lost-update guard a 428 asks for: If-Match, or If-None-Match: * for a create-only PUT. */
function hasLostUpdateGuard(method: string, headers: PreconditionHeaders): boolean {
  return headers.ifMatch !== undefined || (method === 'PUT' && headers.ifNoneMatch?.trim() === '*');
}

function serveDocument(request: DemoRequest, options: OriginOptions): DemoResponse {
  const { store, clock } = options;
  const method = request.method;
  if (method === 'OPTIONS') return { status: 204, headers: { Date: formatHttpDate(clock()), Allow: ITEM_METHODS.join(', ') } };
  if (!ITEM_METHODS.includes(method)) return methodNotAllowed(ITEM_METHODS, clock);
  const existing = store.get(request.path);
  if (!existing && method !== 'PUT') return notFound(request.path, clock);

  // A request that would fail anyway is not "otherwise successful": check the body first.
  const parsed = method === 'PUT' || method === 'PATCH' ? parseJsonBody(request.body) : undefined;
  if (parsed && !parsed.ok) return problemResponse({ status: 400, title: 'Bad Request', detail: parsed.problem }, clock);

  const headers = collectPreconditionHeaders(request.headers);
  if (options.requireIfMatch && UNSAFE_METHODS.has(method) && !hasLostUpdateGuard(method, headers)) {
    return preconditionRequired(method, clock);
  }
  const outcome = evaluatePreconditions(
    { method, headers },
    { exists: existing !== undefined, etag: existing?.etag, lastModified: existing?.lastModifiedMs },
  );
  const refusal = refusalFor(outcome, existing, options);
  if (refusal) return refusal;

  const cacheControl = options.cacheControl ?? 'no-cache';
  const data = parsed?.ok ? parsed.data : undefined;
  switch (method) {
    case 'PUT': {
      // The client's bytes are stored untransformed, which is what allows an ETag in the answer (§9.3.4).
      const stored = store.write(request.path, data as JsonValue, clock(), request.body);
      const created = existing === undefined;
      return representationResponse(created ? 201 : 200, stored, clock, cacheControl, created ? { Location: request.path } : {});
    }
    case 'PATCH': {
      const stored = store.write(request.path, applyMergePatch(existing!.data, data as JsonValue), clock());
      return representationResponse(200, stored, clock, cacheControl, { 'Content-Location': request.path });
    }
    case 'DELETE':
      store.delete(request.path);
      return { status: 204, headers: { Date: formatHttpDate(clock()) } };
    default:
      return serveRepresentation(existing!, outcome, headers, clock, cacheControl);
  }
}
