import type { Readable } from 'node:stream';

export interface CappedBody {
  /** At most `maxBytes` bytes, exactly as they came off the wire. */
  bytes: Buffer;
  /** The body had more than `maxBytes`; reading stopped and the stream was destroyed. */
  exceededCap: boolean;
  /** Set when the stream failed (reset, abort, timeout) before it ended; `bytes` holds what arrived. */
  error?: unknown;
}

/**
 * Reads a response body without ever holding more than `maxBytes` of it. Beyond the cap the
 * stream is destroyed, which closes the connection: draining a 1 GB body just to reuse a
 * socket costs more than opening a new one.
 */
export async function readCappedBody(body: Readable, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const room = maxBytes - size;
      if (chunk.byteLength > room) {
        chunks.push(chunk.subarray(0, room));
        body.destroy();
        return { bytes: Buffer.concat(chunks), exceededCap: true };
      }
      chunks.push(chunk);
      size += chunk.byteLength;
    }
    return { bytes: Buffer.concat(chunks), exceededCap: false };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), exceededCap: false, error };
  }
}
