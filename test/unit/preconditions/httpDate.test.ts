import { strict as assert } from 'node:assert';
import { explainInvalidHttpDate, formatHttpDate, isHttpDate, parseHttpDate, toWholeSeconds } from '../../../src/core/preconditions/httpDate';
import { parseLenientDate, rewriteAsHttpDate } from '../../../src/core/preconditions/lenientDate';

const RFC_EXAMPLE_MS = Date.UTC(1994, 10, 6, 8, 49, 37);
const NOW_2025 = Date.UTC(2025, 5, 15, 12, 0, 0);

describe('HTTP-date', () => {
  describe('the three formats of RFC 9110 §5.6.7', () => {
    it('parses IMF-fixdate', () => {
      assert.deepEqual(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'), { epochMs: RFC_EXAMPLE_MS, format: 'imf-fixdate', weekdayMatches: true });
    });
    it('parses RFC 850', () => {
      const parsed = parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', { now: NOW_2025 });
      assert.deepEqual(parsed, { epochMs: RFC_EXAMPLE_MS, format: 'rfc850', weekdayMatches: true });
    });
    it('parses asctime with a space-padded day', () => {
      assert.deepEqual(parseHttpDate('Sun Nov  6 08:49:37 1994'), { epochMs: RFC_EXAMPLE_MS, format: 'asctime', weekdayMatches: true });
    });
    it('parses asctime with a two-digit day', () => {
      assert.equal(parseHttpDate('Wed Nov 16 08:49:37 1994')?.epochMs, Date.UTC(1994, 10, 16, 8, 49, 37));
    });
    it('trims surrounding spaces and tabs (OWS)', () => {
      assert.equal(parseHttpDate(' \tSun, 06 Nov 1994 08:49:37 GMT\t')?.epochMs, RFC_EXAMPLE_MS);
    });
    it('accepts a day name that contradicts the date but says so', () => {
      assert.equal(parseHttpDate('Mon, 06 Nov 1994 08:49:37 GMT')?.weekdayMatches, false);
    });
    it('reads a leap second as :59 so it never rolls into the next minute', () => {
      assert.equal(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')?.epochMs, Date.UTC(2016, 11, 31, 23, 59, 59));
    });
    it('handles years before 100 without the Date.UTC 1900 trap', () => {
      assert.equal(new Date(parseHttpDate('Sat, 01 Jan 0050 00:00:00 GMT')?.epochMs ?? 0).getUTCFullYear(), 50);
    });
    it('accepts 29 Feb in a leap year only', () => {
      assert.ok(isHttpDate('Thu, 29 Feb 2024 00:00:00 GMT'));
      assert.equal(isHttpDate('Sun, 29 Feb 2023 00:00:00 GMT'), false);
    });
  });

  describe('the two-digit-year rule', () => {
    it('reads 94 as 1994 in 2025', () => {
      assert.equal(new Date(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', { now: NOW_2025 })!.epochMs).getUTCFullYear(), 1994);
    });
    it('reads 30 as 2030 in 2025 (less than 50 years ahead)', () => {
      assert.equal(new Date(parseHttpDate('Wednesday, 06-Nov-30 08:49:37 GMT', { now: NOW_2025 })!.epochMs).getUTCFullYear(), 2030);
    });
    it('reads 76 as 1976 in 2025 (2076 is more than 50 years ahead)', () => {
      assert.equal(new Date(parseHttpDate('Saturday, 06-Nov-76 08:49:37 GMT', { now: NOW_2025 })!.epochMs).getUTCFullYear(), 1976);
    });
    it('reads 75 on the boundary by the full instant, not just the year', () => {
      const early = parseHttpDate('Sunday, 01-Jun-75 00:00:00 GMT', { now: NOW_2025 })!;
      const late = parseHttpDate('Monday, 01-Jul-75 00:00:00 GMT', { now: NOW_2025 })!;
      assert.equal(new Date(early.epochMs).getUTCFullYear(), 2075, 'June 2075 is less than 50 years after June 15, 2025');
      assert.equal(new Date(late.epochMs).getUTCFullYear(), 1975, 'July 2075 is more than 50 years ahead');
    });
    it('reads 01 as 2101 in 2099: a near-future year is not pushed into the past', () => {
      const now = Date.UTC(2099, 0, 1);
      assert.equal(new Date(parseHttpDate('Saturday, 01-Jan-01 00:00:00 GMT', { now })!.epochMs).getUTCFullYear(), 2101);
    });
  });

  describe('invalid dates are rejected', () => {
    const invalid = [
      '1994-11-06T08:49:37Z',
      '1994-11-06',
      'Sun, 06 Nov 1994 08:49:37 +0200',
      'Sun, 06 Nov 1994 08:49:37 -08',
      'Sun, 06 Nov 1994 08:49:37 UTC',
      'Sun, 06 Nov 1994 08:49:37',
      'sun, 06 nov 1994 08:49:37 gmt',
      'Sun, 6 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 94 08:49:37 GMT',
      'Sun, 06 Nov 1994 8:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT',
      'Sun, 31 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Nov 1994 08:60:00 GMT',
      'Sun, 06 Nov 1994 08:49:61 GMT',
      'Sun,  06 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 GMT\r\nX: y',
      'Sun, 06-Nov-94 08:49:37 GMT',
      'Sun Nov 6 08:49:37 1994',
      '784111777',
      '',
    ];
    for (const value of invalid) {
      it(`rejects ${JSON.stringify(value)}`, () => {
        assert.equal(parseHttpDate(value), undefined);
        assert.equal(typeof explainInvalidHttpDate(value), 'string');
      });
    }
  });

  describe('explainInvalidHttpDate', () => {
    const reasons: Array<[string, RegExp]> = [
      ['2024-01-01T00:00:00Z', /ISO 8601/],
      ['Sun, 06 Nov 1994 08:49:37 +0200', /Numeric time zones/],
      ['Sun, 06 Nov 1994 08:49:37 UTC', /literal "GMT"/],
      ['sun, 06 nov 1994 08:49:37 GMT', /case sensitive/],
      ['Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT', /list/],
      ['Sun, 31 Nov 1994 08:49:37 GMT', /does not exist/],
      ['Sun, 6 Nov 1994 08:49:37 GMT', /two digits/],
      ['1700000000', /timestamp/],
    ];
    for (const [value, reason] of reasons) {
      it(`explains ${JSON.stringify(value)}`, () => {
        assert.match(explainInvalidHttpDate(value) ?? '', reason);
      });
    }
    it('returns undefined for a valid date', () => {
      assert.equal(explainInvalidHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'), undefined);
    });
  });

  describe('formatHttpDate', () => {
    it('writes IMF-fixdate', () => {
      assert.equal(formatHttpDate(RFC_EXAMPLE_MS), 'Sun, 06 Nov 1994 08:49:37 GMT');
      assert.equal(formatHttpDate(new Date(RFC_EXAMPLE_MS + 999)), 'Sun, 06 Nov 1994 08:49:37 GMT');
    });
    it('pads small years to four digits', () => {
      const date = new Date(0);
      date.setUTCFullYear(7, 0, 1);
      assert.equal(formatHttpDate(date), 'Mon, 01 Jan 0007 00:00:00 GMT');
    });
    it('round-trips through parseHttpDate', () => {
      for (const ms of [0, RFC_EXAMPLE_MS, Date.UTC(2038, 0, 19, 3, 14, 8), Date.UTC(9999, 11, 31, 23, 59, 59)]) {
        assert.equal(parseHttpDate(formatHttpDate(ms))?.epochMs, ms);
      }
    });
    it('refuses what it cannot express', () => {
      assert.throws(() => formatHttpDate(Number.NaN), RangeError);
      assert.throws(() => formatHttpDate(Date.UTC(10000, 0, 1)), RangeError);
    });
    it('truncates to whole seconds', () => {
      assert.equal(toWholeSeconds(1999), 1000);
      assert.equal(toWholeSeconds(-1), -1000);
    });
  });

  describe('lenient parsing for "Rewrite as HTTP-date"', () => {
    const rewrites: Array<[string, string]> = [
      ['1994-11-06T08:49:37Z', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['1994-11-06T10:49:37+02:00', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['1994-11-06T08:49:37.123Z', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['1994-11-06 08:49:37', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['1994-11-06', 'Sun, 06 Nov 1994 00:00:00 GMT'],
      ['Sun, 06 Nov 1994 10:49:37 +0200', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['Sun, 06 Nov 1994 00:49:37 -08', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['sun, 6 nov 1994 08:49:37 utc', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['6 November 1994 08:49', 'Sun, 06 Nov 1994 08:49:00 GMT'],
      ['Sunday, 06-Nov-94 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['Sun Nov  6 08:49:37 1994', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['784111777', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['784111777000', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['Sun Nov 06 1994 09:49:37 GMT+0100 (Central European Standard Time)', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ];
    for (const [input, expected] of rewrites) {
      it(`rewrites ${JSON.stringify(input)}`, () => {
        assert.equal(rewriteAsHttpDate(input, { now: NOW_2025 }), expected);
      });
    }
    it('says when it assumed UTC for a value without a zone', () => {
      assert.equal(parseLenientDate('1994-11-06T08:49:37')?.assumedUtc, true);
      assert.equal(parseLenientDate('1994-11-06T08:49:37Z')?.assumedUtc, false);
    });
    for (const input of ['', 'yesterday', '1', '12345', '1994-13-01', '1994-02-30T00:00:00Z', 'Thu Feb 30 2023 10:00:00 GMT', 'Sun Nov 06 1994 09:49:37', '{{lastModified}}']) {
      it(`refuses ${JSON.stringify(input)}`, () => {
        assert.equal(rewriteAsHttpDate(input, { now: NOW_2025 }), undefined);
      });
    }
  });
});
