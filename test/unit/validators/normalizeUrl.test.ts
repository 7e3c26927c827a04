import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyOfSavedUrl, normalizeUrl } from '../../../src/core/validators/normalizeUrl';
import { fuzzParameters } from '../fuzz/fuzzSettings';

describe('normalizeUrl', () => {
  const cases: Array<[string, string]> = [
    ['HTTPS://API.Example.COM/items/1', 'https://api.example.com/items/1'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['http://example.com:443/a', 'http://example.com:443/a'],
    ['https://example.com/a#section-2', 'https://example.com/a'],
    ['https://example.com/a#', 'https://example.com/a'],
    ['https://example.com/a?b=1&C=2#x', 'https://example.com/a?b=1&C=2'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com?q=1', 'https://example.com/?q=1'],
    ['http://[FE80::0001]:80/res', 'http://[fe80::1]/res'],
    ['https://[::1]:8443/res', 'https://[::1]:8443/res'],
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['https://user:secret@example.com/a', 'https://example.com/a'],
    ['https://example.com/a/../b/./c', 'https://example.com/b/c'],
  ];
  for (const [input, expected] of cases) {
    it(`keys ${JSON.stringify(input)} as ${expected}`, () => {
      assert.equal(normalizeUrl(input), expected);
    });
  }

  it('keeps the path case: paths are case-sensitive', () => {
    assert.equal(normalizeUrl('https://example.com/Items/A'), 'https://example.com/Items/A');
  });

  it('keeps the query as a different resource', () => {
    assert.notEqual(normalizeUrl('https://example.com/a?page=1'), normalizeUrl('https://example.com/a?page=2'));
  });

  for (const input of ['', 'not a url', '/relative/path', 'example.com/a', 'ftp://example.com/a', '{{host}}/a']) {
    it(`returns undefined for ${JSON.stringify(input)} instead of throwing`, () => {
      assert.equal(normalizeUrl(input), undefined);
    });
  }

  it('returns undefined for a non-string at run time', () => {
    assert.equal(normalizeUrl(42 as unknown as string), undefined);
  });
});

describe('keyOfSavedUrl: normalizeUrl without the parse for text already in key form', () => {
  const texts = [
    'https://api.example.com/items/1',
    'http://localhost:3000/items/1?page=2&sort=-date',
    'http://127.0.0.1:8080/a/b;v=1/c@d:e~f',
    'http://example.com:80/a',
    'https://example.com:443/a',
    'http://example.com:443/a',
    'http://example.com:65536/a',
    'http://example.com:08080/a',
    'http://127.1/a',
    'http://0x7f.0.0.1/a',
    'http://256.0.0.1/a',
    'http://01.2.3.4/a',
    'http://example.com.:80/a',
    'HTTPS://API.example.com/a',
    'https://example.com',
    'https://example.com/./a',
    'https://example.com/a/../b',
    'https://example.com/.well-known/x',
    'https://example.com/%2e%2E/a',
    "https://example.com/a?it's",
    'https://example.com/a b',
    'https://example.com/a\\b',
    'https://example.com/a#frag',
    'https://user:pw@example.com/a',
    'https://example.com/a?',
    'https://example.com/a?x=/./y',
    'https://xn--nxasmq6b.example/a',
    'https://exa_mple.com/a',
    'ftp://example.com/a',
    'not a url',
  ];
  for (const text of texts) {
    it(`agrees with normalizeUrl on ${JSON.stringify(text)}`, () => {
      assert.equal(keyOfSavedUrl(text), normalizeUrl(text));
    });
  }

  it('agrees with normalizeUrl on generated URL-like text', () => {
    const piece = fc.constantFrom(
      'http://', 'https://', 'HTTP://', 'a', 'B', 'z9', '-', '.', '..', '/', '/.', ':', ':80', ':443', ':8080', ':0', ':99999',
      '127', '0x7f', '255', '256', '01', '?', '#', '%', '%2e', "'", '@', '~', '_', ';', '=', '&', ' ', '\\', '^', '{', '`', '[', 'é', 'xn--',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.constantFrom('http://', 'https://'), (pieces, scheme) => {
        const text = scheme + pieces.join('');
        assert.equal(keyOfSavedUrl(text), normalizeUrl(text), text);
      }),
      fuzzParameters(20_000),
    );
  });
});
