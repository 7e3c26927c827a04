/**
 * The demo origin's storage: JSON documents by path, each write a new version with a new
 * strong entity tag and a Last-Modified on the writing scenario's clock. One instance per
 * server, so tests and parallel servers never share state.
 */
import { createHash } from 'node:crypto';
import { toWholeSeconds } from '../core/preconditions/httpDate';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface StoredResource {
  readonly path: string;
  /** The representation exactly as stored: PUT keeps the client's bytes untransformed. */
  readonly body: Buffer;
  readonly data: JsonValue;
  /** Counts every write to this path, across deletes, so a re-created document gets a new tag. */
  readonly version: number;
  /** First 8 hex digits of the SHA-256 of path and body: distinct documents never share a tag. */
  readonly contentHash: string;
  /** Strong entity tag, quotes included: version plus content hash, e.g. `"r3-9f86d081"`. */
  readonly etag: string;
  /** Whole seconds, the resolution Last-Modified has on the wire. */
  readonly lastModifiedMs: number;
}

/** Caps keep a demo left running from growing without bound. */
export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RESOURCES = 2000;

/** Serialises JSON the way the demo shows it: indented, with a final newline. */
export function toJsonBody(data: JsonValue): Buffer {
  return Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
}

export class ResourceStore {
  private readonly resources = new Map<string, StoredResource>();
  private readonly versions = new Map<string, number>();

  get(path: string): StoredResource | undefined {
    return this.resources.get(path);
  }

  /**
   * Stores a new version. `body` is kept byte for byte when given (so a PUT's ETag
   * describes exactly what the client sent); otherwise `data` is serialised.
   */
  write(path: string, data: JsonValue, nowMs: number, body: Buffer = toJsonBody(data)): StoredResource {
    if (!this.resources.has(path) && this.resources.size >= MAX_RESOURCES) {
      throw new RangeError(`The demo holds at most ${MAX_RESOURCES} documents; POST /_reset to start over.`);
    }
    const version = (this.versions.get(path) ?? 0) + 1;
    const contentHash = createHash('sha256').update(path).update('\n').update(body).digest('hex').slice(0, 8);
    const resource: StoredResource = {
      path,
      body,
      data,
      version,
      contentHash,
      etag: `"r${version}-${contentHash}"`,
      lastModifiedMs: toWholeSeconds(nowMs),
    };
    this.versions.set(path, version);
    this.resources.set(path, resource);
    return resource;
  }

  delete(path: string): boolean {
    return this.resources.delete(path);
  }

  /** Direct children of a collection path, in creation order. */
  children(collectionPath: string): StoredResource[] {
    const prefix = `${collectionPath}/`;
    return [...this.resources.values()].filter(
      (resource) => resource.path.startsWith(prefix) && !resource.path.slice(prefix.length).includes('/'),
    );
  }

  clear(): void {
    this.resources.clear();
    this.versions.clear();
  }
}

/**
 * What "another client" does in the demo: a small, visible change to the document, so
 * the user can see in the body why the ETag moved.
 */
export function editAsAnotherClient(store: ResourceStore, path: string, nowMs: number): StoredResource | undefined {
  const current = store.get(path);
  if (!current) return undefined;
  const isObject = typeof current.data === 'object' && current.data !== null && !Array.isArray(current.data);
  const base = isObject ? (current.data as { [key: string]: JsonValue }) : { value: current.data };
  const edits = typeof base.editsByAnotherClient === 'number' ? base.editsByAnotherClient + 1 : 1;
  return store.write(path, { ...base, editsByAnotherClient: edits, lastEditedBy: 'another-client' }, nowMs);
}
