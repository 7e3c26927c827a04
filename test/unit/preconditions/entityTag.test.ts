import { strict as assert } from 'node:assert';
import {
  detectCodingSuffix,
  formatEntityTag,
  isWeak,
  opaqueOf,
  parseEntityTag,
  parseEntityTagList,
  relateEntityTags,
  strongCompare,
  toStrong,
  weakCompare,
} from '../../../src/core/preconditions/entityTag';

/** The text each item underlines, read back from the header value through its offsets. */
function underlined(value: string): string[] {
  return parseEntityTagList(value).items.map((item) => value.slice(item.offset, item.offset + item.length));
}

describe('entity tags', () => {
  describe('parseEntityTag', () => {
    it('reads a strong tag', () => {
      assert.deepEqual(parseEntityTag('"xyzzy"'), { weak: false, opaque: 'xyzzy' });
    });
    it('reads a weak tag', () => {
      assert.deepEqual(parseEntityTag('W/"xyzzy"'), { weak: true, opaque: 'xyzzy' });
    });
    it('accepts the empty opaque value ""', () => {
      assert.deepEqual(parseEntityTag('""'), { weak: false, opaque: '' });
    });
    it('ignores surrounding spaces and tabs', () => {
      assert.deepEqual(parseEntityTag(' \t"a"\t '), { weak: false, opaque: 'a' });
    });
    it('accepts obs-text (non-ASCII) inside the quotes', () => {
      assert.deepEqual(parseEntityTag('"caf\u00e9-\u20ac"'), { weak: false, opaque: 'caf\u00e9-\u20ac' });
    });
    it('accepts a comma inside the quotes', () => {
      assert.deepEqual(parseEntityTag('"a,b"'), { weak: false, opaque: 'a,b' });
    });
    for (const text of ['xyzzy', 'w/"x"', 'W/x', '"a', 'a"', '"a b"', '"a"b', '"a\u0001"', '', 'W/', '"', '"a""']) {
      it(`rejects ${JSON.stringify(text)}`, () => {
        assert.equal(parseEntityTag(text), undefined);
      });
    }
    it('formats a tag back to its wire form', () => {
      assert.equal(formatEntityTag({ weak: true, opaque: 'v1' }), 'W/"v1"');
      assert.equal(formatEntityTag({ weak: false, opaque: 'v1' }), '"v1"');
    });
  });

  describe('comparison (RFC 9110 §8.8.3.2 table)', () => {
    const table: Array<[string, string, boolean, boolean]> = [
      ['W/"1"', 'W/"1"', false, true],
      ['W/"1"', 'W/"2"', false, false],
      ['W/"1"', '"1"', false, true],
      ['"1"', '"1"', true, true],
    ];
    for (const [a, b, strong, weak] of table) {
      it(`${a} vs ${b}: strong ${strong ? 'match' : 'no match'}, weak ${weak ? 'match' : 'no match'}`, () => {
        assert.equal(strongCompare(a, b), strong);
        assert.equal(weakCompare(a, b), weak);
        assert.equal(strongCompare(b, a), strong, 'strong comparison is symmetric');
        assert.equal(weakCompare(b, a), weak, 'weak comparison is symmetric');
      });
    }
    it('never matches an unquoted value, not even against itself', () => {
      assert.equal(strongCompare('abc', 'abc'), false);
      assert.equal(weakCompare('abc', '"abc"'), false);
    });
    it('is case-sensitive in the opaque part', () => {
      assert.equal(weakCompare('"ABC"', '"abc"'), false);
    });
    it('accepts parsed tags as well as strings', () => {
      assert.equal(strongCompare({ weak: false, opaque: 'x' }, '"x"'), true);
    });
  });

  describe('parseEntityTagList', () => {
    it('parses a list with offsets that point at each tag', () => {
      const value = '"a", W/"b" ,"c"';
      const list = parseEntityTagList(value);
      assert.deepEqual(list.tags, [
        { weak: false, opaque: 'a' },
        { weak: true, opaque: 'b' },
        { weak: false, opaque: 'c' },
      ]);
      assert.deepEqual(underlined(value), ['"a"', 'W/"b"', '"c"']);
      assert.deepEqual(list.items.map((item) => item.offset), [0, 5, 12]);
    });
    it('keeps commas inside quotes in the tag', () => {
      const list = parseEntityTagList('"a,b", "c"');
      assert.deepEqual(list.tags.map((tag) => tag.opaque), ['a,b', 'c']);
    });
    it('skips empty list elements and surrounding whitespace', () => {
      const value = ' ,\t"a" ,, "b",';
      assert.deepEqual(underlined(value), ['"a"', '"b"']);
      assert.equal(parseEntityTagList(value).problems.length, 0);
    });
    it('reads a lone * as "any"', () => {
      const list = parseEntityTagList(' * ');
      assert.equal(list.isAny, true);
      assert.equal(list.starMixedWithTags, false);
      assert.deepEqual(underlined(' * '), ['*']);
    });
    it('detects * mixed with tags', () => {
      const list = parseEntityTagList('*, "a"');
      assert.equal(list.isAny, false);
      assert.equal(list.starMixedWithTags, true);
    });
    it('treats a repeated * as mixed', () => {
      assert.equal(parseEntityTagList('*, *').starMixedWithTags, true);
    });
    it('reports an unquoted value as an item with the quoted form to write', () => {
      const value = '"a", abc123';
      const [, item] = parseEntityTagList(value).items;
      assert.equal(item.kind, 'unquoted');
      assert.equal(item.kind === 'unquoted' && item.quoted, '"abc123"');
      assert.equal(value.slice(item.offset, item.offset + item.length), 'abc123');
    });
    it('keeps the weak prefix when quoting W/abc', () => {
      const [item] = parseEntityTagList('W/abc').items;
      assert.equal(item.kind === 'unquoted' && item.quoted, 'W/"abc"');
    });
    it('strips single quotes when suggesting the quoted form', () => {
      const [item] = parseEntityTagList("'abc'").items;
      assert.equal(item.kind === 'unquoted' && item.quoted, '"abc"');
    });
    it('reports a lower-case w/ as malformed', () => {
      const [item] = parseEntityTagList('w/"x"').items;
      assert.equal(item.kind, 'malformed');
      assert.match(item.kind === 'malformed' ? item.problem : '', /upper case/);
    });
    it('reports an unterminated quote up to the end of the value', () => {
      const value = '"a", "b';
      const list = parseEntityTagList(value);
      assert.equal(list.tags.length, 1);
      assert.deepEqual(list.problems.map((problem) => problem.text), ['"b']);
      assert.match(list.problems[0].problem, /closing double quote/);
    });
    it('reports a missing comma between two tags', () => {
      const list = parseEntityTagList('"a" "b"');
      assert.equal(list.problems.length, 1);
      assert.match(list.problems[0].problem, /commas/);
    });
    it('reports a space inside the quotes', () => {
      const list = parseEntityTagList('"a b"');
      assert.match(list.problems[0].problem, /a space/);
    });
    it('returns no items for an empty value', () => {
      assert.deepEqual(parseEntityTagList('').items, []);
    });
  });

  describe('helpers', () => {
    it('isWeak looks at the prefix only', () => {
      assert.equal(isWeak(' W/"x"'), true);
      assert.equal(isWeak('"x"'), false);
      assert.equal(isWeak('W/broken'), true);
    });
    it('opaqueOf strips W/ and quotes leniently', () => {
      assert.equal(opaqueOf('W/"abc"'), 'abc');
      assert.equal(opaqueOf('"abc"'), 'abc');
      assert.equal(opaqueOf('abc'), 'abc');
    });
    it('toStrong writes the quoted strong form', () => {
      assert.equal(toStrong('W/"abc"'), '"abc"');
      assert.equal(toStrong('abc'), '"abc"');
    });
  });

  describe('content-coding suffixes', () => {
    const cases: Array<[string, string, string, string]> = [
      ['"abc-gzip"', 'abc', 'gzip', '-gzip'],
      ['"abc-br"', 'abc', 'br', '-br'],
      ['"abc;gzip"', 'abc', 'gzip', ';gzip'],
      ['"abc-deflate"', 'abc', 'deflate', '-deflate'],
      ['W/"5f3e-1a2b--gzip"', '5f3e-1a2b', 'gzip', '--gzip'],
    ];
    for (const [tag, baseOpaque, coding, suffix] of cases) {
      it(`finds ${suffix} in ${tag}`, () => {
        assert.deepEqual(detectCodingSuffix(tag), { baseOpaque, coding, suffix });
      });
    }
    it('finds nothing in a plain tag or a bare coding name', () => {
      assert.equal(detectCodingSuffix('"abc"'), undefined);
      assert.equal(detectCodingSuffix('"gzip"'), undefined);
      assert.equal(detectCodingSuffix('"abc-gzipped"'), undefined);
    });
  });

  describe('relateEntityTags', () => {
    it('names each relation a 412 diagnosis distinguishes', () => {
      assert.equal(relateEntityTags('"v1"', '"v1"'), 'strong-match');
      assert.equal(relateEntityTags('W/"v1"', '"v1"'), 'weak-only');
      assert.equal(relateEntityTags('v1', '"v1"'), 'unquoted');
      assert.equal(relateEntityTags('"v1-gzip"', '"v1"'), 'coding-suffix');
      assert.equal(relateEntityTags('W/"v1;gzip"', '"v1"'), 'coding-suffix');
      assert.equal(relateEntityTags('"v1"', '"v2"'), 'different');
    });
  });
});
