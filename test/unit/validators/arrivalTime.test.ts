import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ArrivalTimeFormatter } from '../../../src/core/validators/arrivalTime';

const MAX_TIME = 8.64e15;

describe('ArrivalTimeFormatter', () => {
  it('writes what toISOString writes, whatever the gap between two times', () => {
    // Steps of a few ms stay inside one second (the shortcut), longer ones leave it.
    const step = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 1e12 }));
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.array(fc.tuple(step, fc.boolean())), (start, steps) => {
        const formatter = new ArrivalTimeFormatter();
        let time = start;
        assert.equal(formatter.format(time), new Date(time).toISOString());
        for (const [delta, backwards] of steps) {
          time += backwards ? -delta : delta;
          assert.equal(formatter.format(time), new Date(time).toISOString());
        }
      }),
    );
  });

  it('pads the milliseconds and crosses second, day and year boundaries', () => {
    const formatter = new ArrivalTimeFormatter();
    const start = Date.parse('2024-12-31T23:59:59.000Z');
    for (const offset of [0, 7, 42, 999, 1000, 1001]) {
      assert.equal(formatter.format(start + offset), new Date(start + offset).toISOString());
    }
    assert.equal(formatter.format(start + 1001), '2025-01-01T00:00:00.001Z');
  });

  it('handles times before 1970 and beyond year 9999 like toISOString', () => {
    const formatter = new ArrivalTimeFormatter();
    for (const time of [-1, -999, -1000, -1001, -62198755200000, 253402300799999, 253402300800000, 253402300800001, MAX_TIME]) {
      assert.equal(formatter.format(time), new Date(time).toISOString());
    }
  });

  it('throws the RangeError of toISOString for a time a Date cannot hold', () => {
    const formatter = new ArrivalTimeFormatter();
    formatter.format(MAX_TIME);
    // The same second as a valid time, so only the range check stops the shortcut.
    assert.throws(() => formatter.format(MAX_TIME + 1), RangeError);
    assert.throws(() => formatter.format(Number.NaN), RangeError);
  });

  it('truncates a fraction of a millisecond as a Date does', () => {
    const formatter = new ArrivalTimeFormatter();
    formatter.format(1000);
    assert.equal(formatter.format(1500.7), new Date(1500.7).toISOString());
  });
});
