/**
 * An Azure Blob Storage look-alike, answering the way the real service (and Azurite)
 * does rather than the way RFC 9110 reads: a 412 named by `x-ms-error-code:
 * ConditionNotMet` with the error message as reason phrase and an XML body, quotes
 * optional, `W/` never matching, several tags refused with 400, and
 * `If-None-Match: *` on an existing blob answered 409, not 412.
 */
import { randomUUID } from 'node:crypto';
import { formatHttpDate, parseHttpDate } from '../core/preconditions/httpDate';
import { parseJsonBody } from './jsonBody';
import type { ResourceStore, StoredResource } from './resourceStore';
import { requestHeader, type Clock, type DemoRequest, type DemoResponse, type Handler } from './types';

const CONDITION_NOT_MET = 'The condition specified using HTTP conditional header(s) is not met.';
const BLOB_NAME = /^[A-Za-z0-9._-]{1,128}$/;

/** Azure ETags are hex timestamps; derive a stable one from the stored version. */
export function azureEntityTag(resource: StoredResource): string {
  return `"0x8DC${resource.version.toString(16).toUpperCase().padStart(4, '0')}${resource.contentHash.toUpperCase()}"`;
}

function azureError(status: number, code: string, message: string, clock: Clock): DemoResponse {
  const time = new Date(clock()).toISOString();
  const requestId = randomUUID();
  const xml =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code>` +
    `<Message>${message}\nRequestId:${requestId}\nTime:${time}</Message></Error>`;
  const body = Buffer.from(xml, 'utf8');
  return {
    status,
    statusText: message,
    headers: {
      Date: formatHttpDate(clock()),
      'Content-Type': 'application/xml',
      'Content-Length': String(body.length),
      'x-ms-error-code': code,
      'x-ms-request-id': requestId,
      'x-ms-version': '2021-12-02',
    },
    body,
  };
}

/** Azure's lenient reading of an If-Match value: quotes optional, W/ kept (and so never equal). */
function azureTagMatches(sent: string, current: string): boolean {
  const strip = (tag: string) => tag.trim().replace(/^"(.*)"$/, '$1');
  return sent.trim() === '*' || strip(sent) === strip(current);
}

type Verdict = 'ok' | 'not-modified' | 'condition-not-met' | 'already-exists' | 'invalid-header';

function judge(request: DemoRequest, existing: StoredResource | undefined): Verdict {
  const ifMatch = requestHeader(request, 'If-Match');
  const ifNoneMatch = requestHeader(request, 'If-None-Match');
  const read = request.method === 'GET' || request.method === 'HEAD';
  if ([ifMatch, ifNoneMatch].some((value) => value !== undefined && value.includes(','))) return 'invalid-header';
  const current = existing ? azureEntityTag(existing) : undefined;
  if (ifMatch !== undefined && (current === undefined || !azureTagMatches(ifMatch, current))) return 'condition-not-met';
  if (ifNoneMatch !== undefined && current !== undefined && azureTagMatches(ifNoneMatch, current)) {
    if (read) return 'not-modified';
    return ifNoneMatch.trim() === '*' ? 'already-exists' : 'condition-not-met';
  }
  const unmodifiedSince = parseHttpDate(requestHeader(request, 'If-Unmodified-Since') ?? '');
  if (existing && unmodifiedSince && existing.lastModifiedMs > unmodifiedSince.epochMs) return 'condition-not-met';
  const modifiedSince = parseHttpDate(requestHeader(request, 'If-Modified-Since') ?? '');
  if (existing && modifiedSince && existing.lastModifiedMs <= modifiedSince.epochMs) return read ? 'not-modified' : 'condition-not-met';
  return 'ok';
}

function blobHeaders(resource: StoredResource, clock: Clock): Record<string, string> {
  return {
    Date: formatHttpDate(clock()),
    ETag: azureEntityTag(resource),
    'Last-Modified': formatHttpDate(resource.lastModifiedMs),
    'x-ms-request-id': randomUUID(),
    'x-ms-version': '2021-12-02',
  };
}

export function createAzureBlobs(store: ResourceStore, clock: Clock, containerPath: string): Handler {
  return (request) => {
    const name = request.path.slice(containerPath.length + 1);
    if (!request.path.startsWith(`${containerPath}/`) || !BLOB_NAME.test(name)) {
      return azureError(400, 'InvalidUri', 'The requested URI does not represent any resource on the server.', clock);
    }
    if (!['GET', 'HEAD', 'PUT', 'DELETE'].includes(request.method)) {
      return azureError(405, 'UnsupportedHttpVerb', 'The resource doesn\'t support the specified HTTP verb.', clock);
    }
    const existing = store.get(request.path);
    if (!existing && request.method !== 'PUT') return azureError(404, 'BlobNotFound', 'The specified blob does not exist.', clock);
    const verdict = judge(request, existing);
    if (verdict === 'invalid-header') {
      return azureError(400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format.', clock);
    }
    if (verdict === 'condition-not-met') return azureError(412, 'ConditionNotMet', CONDITION_NOT_MET, clock);
    if (verdict === 'already-exists') return azureError(409, 'BlobAlreadyExists', 'The specified blob already exists.', clock);
    if (verdict === 'not-modified' && existing) {
      return { status: 304, headers: { ...blobHeaders(existing, clock), 'x-ms-error-code': 'ConditionNotMet' } };
    }
    if (request.method === 'PUT') {
      const parsed = parseJsonBody(request.body);
      const stored = store.write(request.path, parsed.ok ? parsed.data : request.body.toString('utf8'), clock(), request.body);
      return { status: 201, headers: { ...blobHeaders(stored, clock), 'Content-Length': '0' } };
    }
    if (request.method === 'DELETE') {
      store.delete(request.path);
      return { status: 202, headers: { Date: formatHttpDate(clock()), 'x-ms-request-id': randomUUID(), 'Content-Length': '0' } };
    }
    const blob = existing as StoredResource;
    return {
      status: 200,
      headers: {
        ...blobHeaders(blob, clock),
        'Content-Type': 'application/json',
        'Content-Length': String(blob.body.length),
        'x-ms-blob-type': 'BlockBlob',
      },
      body: blob.body,
    };
  };
}
