import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readCappedBody } from '../../../src/core/http/cappedBody';
import { formatByteSize, renderBodyForDisplay } from '../../../src/core/http/displayBody';

describe('reading and showing a response body', () => {
  it('pulls only about the cap from an endless body, then destroys it', async () => {
    let produced = 0;
    const endless = new Readable({
      highWaterMark: 16 * 1024,
      read() {
        produced += 16 * 1024;
        this.push(Buffer.alloc(16 * 1024, 'z'));
      },
    });
    const body = await readCappedBody(endless, 100 * 1024);
    assert.equal(body.bytes.byteLength, 100 * 1024);
    assert.ok(body.exceededCap);
    assert.ok(endless.destroyed);
    assert.ok(produced <= 100 * 1024 + 3 * 16 * 1024, `read ${produced} bytes for a 100 KB cap`);
  });

  it('returns what arrived, and the error, when the stream fails', async () => {
    const failing = new Readable({ read() {} });
    failing.push('abc');
    setTimeout(() => failing.destroy(new Error('reset')), 10);
    const body = await readCappedBody(failing, 1000);
    assert.equal(body.bytes.toString(), 'abc');
    assert.equal((body.error as Error).message, 'reset');
  });

  it('keeps a multi-byte character cut by the cap from turning text into "binary"', async () => {
    const text = await renderBodyForDisplay({
      wireBytes: Buffer.from('aé').subarray(0, 2),
      exceededCap: true,
      complete: true,
      contentType: 'text/plain; charset=utf-8',
      maxBytes: 2,
    });
    assert.equal(text, 'a\n\n[truncated: response body exceeded 2 bytes (preconditionDoctor.maxResponseBodyBytes)]');
  });

  it('formats sizes the way the setting would be described', () => {
    assert.equal(formatByteSize(5 * 1024 * 1024), '5 MB');
    assert.equal(formatByteSize(1536 * 1024), '1.5 MB');
    assert.equal(formatByteSize(512 * 1024), '512 KB');
    assert.equal(formatByteSize(300), '300 bytes');
  });
});
