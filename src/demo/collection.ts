/**
 * The collection resource of a scenario (`GET /items`, `POST /items`). Its validator is
 * derived from the listing, so conditional GETs and POSTs work on it like on a document.
 */
import { createHash } from 'node:crypto';
import { evaluatePreconditions } from '../core/preconditions/evaluate';
import { formatHttpDate, toWholeSeconds } from '../core/preconditions/httpDate';
import { collectPreconditionHeaders } from '../core/preconditions/preconditionHeaders';
import { parseJsonBody } from './jsonBody';
import { refusalFor, serveRepresentation } from './conditionalResponses';
import type { OriginOptions } from './origin';
import { toJsonBody, type StoredResource } from './resourceStore';
import { methodNotAllowed, problemResponse, representationResponse } from './responses';
import type { DemoRequest, DemoResponse } from './types';

const COLLECTION_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];

/** The listing as a resource with validators, so the origin's code paths apply to it unchanged. */
function collectionState(options: OriginOptions): StoredResource {
  const children = options.store.children(options.collectionPath);
  const data = {
    items: children.map((child) => ({
      id: child.path.slice(options.collectionPath.length + 1),
      href: child.path,
      etag: child.etag,
      lastModified: formatHttpDate(child.lastModifiedMs),
    })),
  };
  const body = toJsonBody(data);
  const contentHash = createHash('sha256').update(body).digest('hex').slice(0, 8);
  const newest = Math.max(...children.map((child) => child.lastModifiedMs));
  return {
    path: options.collectionPath,
    body,
    data,
    version: 0,
    contentHash,
    etag: `"c-${contentHash}"`,
    lastModifiedMs: Number.isFinite(newest) ? newest : toWholeSeconds(options.clock()),
  };
}

/** The next free numeric id, so created documents read 4, 5, 6 after the seeds. */
function nextId(options: OriginOptions): string {
  const numbers = options.store
    .children(options.collectionPath)
    .map((child) => Number(child.path.slice(options.collectionPath.length + 1)))
    .filter(Number.isInteger);
  return String(Math.max(0, ...numbers) + 1);
}

export function serveCollection(request: DemoRequest, options: OriginOptions): DemoResponse {
  const clock = options.clock;
  const method = request.method;
  const cacheControl = options.cacheControl ?? 'no-cache';
  if (method === 'OPTIONS') return { status: 204, headers: { Date: formatHttpDate(clock()), Allow: COLLECTION_METHODS.join(', ') } };
  if (!COLLECTION_METHODS.includes(method)) return methodNotAllowed(COLLECTION_METHODS, clock);
  const parsed = method === 'POST' ? parseJsonBody(request.body) : undefined;
  if (parsed && !parsed.ok) return problemResponse({ status: 400, title: 'Bad Request', detail: parsed.problem }, clock);

  const state = collectionState(options);
  const headers = collectPreconditionHeaders(request.headers);
  const outcome = evaluatePreconditions({ method, headers }, { exists: true, etag: state.etag, lastModified: state.lastModifiedMs });
  const refusal = refusalFor(outcome, state, options);
  if (refusal) return refusal;
  if (!parsed?.ok) return serveRepresentation(state, outcome, headers, clock, cacheControl);

  const path = `${options.collectionPath}/${nextId(options)}`;
  const created = options.store.write(path, parsed.data, clock(), request.body);
  return representationResponse(201, created, clock, cacheControl, { Location: path });
}
