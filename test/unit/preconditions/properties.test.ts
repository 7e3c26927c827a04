import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { detectCodingSuffix, formatEntityTag, parseEntityTag, parseEntityTagList, relateEntityTags } from '../../../src/core/preconditions/entityTag';
import { evaluatePreconditions } from '../../../src/core/preconditions/evaluate';
import { explainInvalidHttpDate, formatHttpDate, parseHttpDate } from '../../../src/core/preconditions/httpDate';
import { parseLenientDate } from '../../../src/core/preconditions/lenientDate';

const RUNS = { numRuns: 3000 };

/** Strings biased towards the characters these parsers care about, plus anything at all. */
const headerish = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ',', ' ', '\t', 'W', '/', '*', 'a', '1', '\u00e9', '\u20ac', '\r', '-', 'g', ':') }),
  fc.string({ unit: 'binary' }),
  fc.string(),
);
const dateish = fc.oneof(
  fc.string({ unit: fc.constantFrom('Sun', 'Nov', 'GMT', ',', ' ', '-', ':', '0', '6', '9', '1994', 'T', 'Z', '+') }),
  fc.string({ unit: 'binary' }),
);

describe('parser properties (fast-check)', () => {
  it('parseEntityTagList never throws and every offset stays inside the input', () => {
    fc.assert(
      fc.property(headerish, (value) => {
        const list = parseEntityTagList(value);
        for (const item of list.items) {
          assert.ok(item.offset >= 0 && item.length > 0 && item.offset + item.length <= value.length);
          assert.equal(value.slice(item.offset, item.offset + item.length), item.text);
        }
      }),
      RUNS,
    );
  });

  it('items appear in order and never overlap', () => {
    fc.assert(
      fc.property(headerish, (value) => {
        const { items } = parseEntityTagList(value);
        for (let index = 1; index < items.length; index++) {
          assert.ok(items[index].offset >= items[index - 1].offset + items[index - 1].length);
        }
      }),
      RUNS,
    );
  });

  it('a formatted tag parses back to itself', () => {
    const opaque = fc.string({ unit: fc.constantFrom('a', 'Z', '9', '-', ',', '!', '#', '~', '\u00e9') });
    fc.assert(
      fc.property(fc.boolean(), opaque, (weak, text) => {
        assert.deepEqual(parseEntityTag(formatEntityTag({ weak, opaque: text })), { weak, opaque: text });
      }),
      RUNS,
    );
  });

  it('tag helpers never throw', () => {
    fc.assert(
      fc.property(headerish, headerish, (a, b) => {
        relateEntityTags(a, b);
        detectCodingSuffix(a);
      }),
      RUNS,
    );
  });

  it('date parsers never throw, and a parsed date formats back to a valid IMF-fixdate', () => {
    fc.assert(
      fc.property(dateish, (value) => {
        explainInvalidHttpDate(value);
        const strict = parseHttpDate(value);
        if (strict) assert.equal(parseHttpDate(formatHttpDate(strict.epochMs))?.epochMs, strict.epochMs);
        const lenient = parseLenientDate(value);
        if (lenient) assert.ok(parseHttpDate(formatHttpDate(lenient.epochMs)));
      }),
      RUNS,
    );
  });

  it('every valid instant round-trips through IMF-fixdate', () => {
    const instant = fc.integer({ min: -62167219200, max: 253402300799 }).map((seconds) => seconds * 1000);
    fc.assert(
      fc.property(instant, (ms) => {
        assert.equal(parseHttpDate(formatHttpDate(ms))?.epochMs, ms);
      }),
      RUNS,
    );
  });

  it('evaluation never throws on arbitrary headers', () => {
    const maybe = fc.option(headerish, { nil: undefined });
    fc.assert(
      fc.property(fc.constantFrom('GET', 'put', 'DELETE', 'OPTIONS', ''), maybe, maybe, maybe, maybe, fc.boolean(), (method, ifMatch, ifNoneMatch, ifUnmodifiedSince, ifRange, exists) => {
        const outcome = evaluatePreconditions(
          { method, headers: { ifMatch, ifNoneMatch, ifUnmodifiedSince, ifRange, range: 'bytes=0-1' } },
          { exists, etag: '"v1"', lastModified: 'Sun, 06 Nov 1994 08:49:37 GMT' },
        );
        assert.ok(['proceed', 'not-modified', 'precondition-failed'].includes(outcome.result));
      }),
      RUNS,
    );
  });
});
