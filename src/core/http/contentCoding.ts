import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';

export interface DecodedContent {
  bytes: Buffer;
  /** True when decoding stopped at the output limit. */
  truncated: boolean;
  /** Sentences for the reader when a coding could not be decoded. */
  notes: string[];
}

/**
 * Undoes the Content-Encoding codings for display only; validators and headers stay as received.
 * Output is limited to `maxOutputBytes` so that a small compressed body cannot expand without
 * bound (a decompression bomb). `inputComplete` false (body cut at the cap or by a dropped
 * connection) decodes as much as the prefix allows instead of failing on the missing end.
 */
export async function decodeContentCodings(
  wireBytes: Buffer,
  contentEncoding: string | undefined,
  maxOutputBytes: number,
  inputComplete: boolean,
): Promise<DecodedContent> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');

  let bytes = wireBytes;
  let truncated = false;
  // Codings are listed in the order they were applied, so they are undone from the last.
  for (const coding of codings.reverse()) {
    if (!isSupportedCoding(coding)) {
      return { bytes: wireBytes, truncated: false, notes: [`[content-encoding '${coding}' is not decoded for display; showing the body as received]`] };
    }
    try {
      const stage = await decodeOneCoding(coding, bytes, maxOutputBytes, inputComplete && !truncated);
      bytes = stage.output;
      truncated ||= stage.truncated;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { bytes: wireBytes, truncated: false, notes: [`[could not decode the ${coding} content (${reason}); showing the body as received]`] };
    }
  }
  return { bytes, truncated, notes: [] };
}

type SupportedCoding = 'gzip' | 'x-gzip' | 'deflate' | 'br';

function isSupportedCoding(coding: string): coding is SupportedCoding {
  return coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate' || coding === 'br';
}

async function decodeOneCoding(
  coding: SupportedCoding,
  input: Buffer,
  limit: number,
  inputComplete: boolean,
): Promise<{ output: Buffer; truncated: boolean }> {
  // A sync flush at the end returns what a truncated stream holds instead of "unexpected end of file".
  const zlibOptions: zlib.ZlibOptions = inputComplete ? {} : { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return decompressBounded(zlib.createGunzip(zlibOptions), input, limit);
    case 'br':
      return decompressBounded(
        zlib.createBrotliDecompress(inputComplete ? {} : { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }),
        input,
        limit,
      );
    case 'deflate':
      try {
        return await decompressBounded(zlib.createInflate(zlibOptions), input, limit);
      } catch {
        // Some servers send a raw deflate stream without the zlib wrapper RFC 9110 asks for; browsers accept it too.
        return decompressBounded(zlib.createInflateRaw(zlibOptions), input, limit);
      }
  }
}

function decompressBounded(decompressor: Transform, input: Buffer, limit: number): Promise<{ output: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };

    decompressor.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = limit - size;
      if (chunk.byteLength > room) {
        chunks.push(chunk.subarray(0, room));
        // Stop inflating right here: the rest could be gigabytes.
        decompressor.destroy();
        settle(() => resolve({ output: Buffer.concat(chunks), truncated: true }));
        return;
      }
      chunks.push(chunk);
      size += chunk.byteLength;
    });
    decompressor.on('end', () => settle(() => resolve({ output: Buffer.concat(chunks), truncated: false })));
    decompressor.on('error', (error) => settle(() => reject(error)));
    decompressor.end(input);
  });
}
