import * as assert from 'node:assert/strict';
import { normalizeUrl } from '../../../src/core/validators/normalizeUrl';

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
