import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseEntityTagList } from '../../../src/core/preconditions/entityTag';
import { explainInvalidHttpDate, parseHttpDate } from '../../../src/core/preconditions/httpDate';
import { parseLenientDate, rewriteAsHttpDate } from '../../../src/core/preconditions/lenientDate';
import { fuzzParameters } from './fuzzSettings';

/**
 * Header values as lints meet them: half-typed tags and dates, pasted garbage, and
 * anything at all. Not counted in the 100,000 .http inputs; these are single values.
 */
const tagPieces = fc.constantFrom('"', ',', ' ', '\t', 'W/', 'w/', '*', 'a', '1', 'é', '€', '\0', '\r', '\n', '-gzip', "'", '\u2028', '\ud800', '😀', '\\', ':');
const datePieces = fc.constantFrom('Sun', 'Sunday', 'Nov', 'nov', 'GMT', 'UTC', 'Z', ',', ' ', '  ', '-', ':', '.', '0', '06', '6', '9', '94', '1994', '08:49:37',
  'T', '+', '+02:00', '-0500', '\t', '\0', '1700000000', '1700000000000', '9999', '0000', '30', 'Feb', 'é', '\u2028');
const headerValue = fc.oneof(
  { arbitrary: fc.string({ unit: tagPieces, maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: datePieces, maxLength: 20 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 60 }), weight: 1 },
);
const now = fc.oneof(fc.constant(undefined), fc.integer({ min: -62167219200000, max: 253402300799999 }));

describe('fuzz: entity-tag and HTTP-date parsing never throw and stay inside the value', function () {
  this.timeout(120_000);

  it('parseEntityTagList: every item lies inside the value and says what is written there', () => {
    fc.assert(
      fc.property(headerValue, (value) => {
        const list = parseEntityTagList(value);
        let previousEnd = 0;
        for (const item of list.items) {
          assert.ok(Number.isInteger(item.offset) && item.offset >= previousEnd, `item at ${item.offset} overlaps the one before`);
          assert.ok(item.length > 0 && item.offset + item.length <= value.length, `item ${JSON.stringify(item)} runs past the value`);
          assert.equal(value.slice(item.offset, item.offset + item.length), item.text);
          previousEnd = item.offset + item.length;
        }
        assert.equal(list.problems.length, list.items.filter((item) => item.kind === 'unquoted' || item.kind === 'malformed').length);
      }),
      fuzzParameters(20_000),
    );
  });

  it('parseHttpDate and explainInvalidHttpDate: a valid date is explained by nothing, an invalid one by a sentence', () => {
    fc.assert(
      fc.property(headerValue, now, (value, at) => {
        const parsed = parseHttpDate(value, at === undefined ? {} : { now: at });
        if (parsed) assert.ok(Number.isInteger(parsed.epochMs) && parsed.epochMs % 1000 === 0, `epochMs ${parsed.epochMs}`);
        const explanation = explainInvalidHttpDate(value);
        if (parseHttpDate(value) === undefined) assert.ok(explanation && explanation.length > 0, 'an invalid date needs a reason');
        else assert.equal(explanation, undefined);
      }),
      fuzzParameters(20_000),
    );
  });

  it('parseLenientDate and rewriteAsHttpDate: whatever they accept becomes a strict HTTP-date', () => {
    fc.assert(
      fc.property(headerValue, now, (value, at) => {
        const options = at === undefined ? {} : { now: at };
        const lenient = parseLenientDate(value, options);
        const rewritten = rewriteAsHttpDate(value, options);
        assert.equal(rewritten === undefined, lenient === undefined);
        if (rewritten !== undefined) {
          const strict = parseHttpDate(rewritten);
          assert.ok(strict, `${JSON.stringify(rewritten)} is not an HTTP-date`);
          assert.equal(strict.format, 'imf-fixdate');
        }
      }),
      fuzzParameters(20_000),
    );
  });
});
