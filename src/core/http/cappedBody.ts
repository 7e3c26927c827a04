import { finished, type Readable } from 'node:stream';

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
 *
 * 'data' events and `finished` rather than `for await`: the async iterator's promise per chunk
 * was a visible share of a keep-alive exchange (bench/: send path). `finished` reports the
 * same outcomes the iterator threw: the stream's error, or a premature close.
 */
export function readCappedBody(body: Readable, maxBytes: number): Promise<CappedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let stopListening = (): void => undefined;
    const settle = (exceededCap: boolean, error?: unknown): void => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      stopListening();
      // Destroying an unfinished body (the cap) makes it emit an error no one waits for any more.
      body.on('error', ignore);
      const bytes = Buffer.concat(chunks);
      resolve(error === undefined ? { bytes, exceededCap } : { bytes, exceededCap, error });
    };
    const onData = (chunk: Buffer): void => {
      const room = maxBytes - size;
      if (chunk.byteLength > room) {
        chunks.push(chunk.subarray(0, room));
        settle(true);
        body.destroy();
        return;
      }
      chunks.push(chunk);
      size += chunk.byteLength;
    };
    stopListening = finished(body, { writable: false }, (error) => settle(false, error ?? undefined));
    body.on('data', onData);
  });
}

function ignore(): void {
  // An error after the outcome was settled changes nothing.
}
