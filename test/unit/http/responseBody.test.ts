import { NEUTRAL_OPTION_WORDING } from '../../../src/core/options/optionWording';
import * as assert from 'node:assert/strict';
import { formatByteSize, renderBodyForDisplay } from '../../../src/core/http/displayBody';

describe('showing a response body', () => {
  it('keeps a multi-byte character cut by the cap from turning text into "binary"', async () => {
    const text = await renderBodyForDisplay({
      wireBytes: Buffer.from('aé').subarray(0, 2),
      exceededCap: true,
      complete: true,
      contentType: 'text/plain; charset=utf-8',
      maxBytes: 2,
      maxBytesWording: NEUTRAL_OPTION_WORDING.maxResponseBodyBytes,
    });
    assert.equal(text, 'a\n\n[truncated: response body exceeded 2 bytes (the response size limit)]');
  });

  it('formats sizes the way the setting would be described', () => {
    assert.equal(formatByteSize(5 * 1024 * 1024), '5 MB');
    assert.equal(formatByteSize(1536 * 1024), '1.5 MB');
    assert.equal(formatByteSize(512 * 1024), '512 KB');
    assert.equal(formatByteSize(300), '300 bytes');
  });
});
