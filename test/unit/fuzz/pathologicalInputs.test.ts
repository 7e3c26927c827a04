import { strict as assert } from 'node:assert';
import { GROWTH, PATHOLOGICAL_INPUTS } from './pathologicalInputs';

/**
 * What can be checked about the inputs without a clock: each one runs to the end without
 * throwing, and grows with its size, so the bench's time(4N)/time(N) (`npm run bench`,
 * bench/cases/linear.mjs) compares what it says. A regex that turns quadratic still fails
 * here, by the suite's timeout, but only the bench says by how much.
 *
 * 20,000 characters: enough to reach every pattern's backtracking path, small enough that
 * a quadratic regression fails in seconds rather than minutes.
 */
const SIZE = 20_000;

describe('pathological inputs: parse, lint and resolve run to the end', function () {
  this.timeout(60_000);

  for (const input of PATHOLOGICAL_INPUTS) {
    it(`${input.group}: ${input.title}`, async () => {
      await input.run(input.make(SIZE));
    });
  }

  it('every input grows with its size, so the bench times what it claims', () => {
    for (const { title, make } of PATHOLOGICAL_INPUTS) {
      const small = make(SIZE).length;
      const large = make(SIZE * GROWTH).length;
      // Fixed prefixes and suffixes keep the growth a little under GROWTH; never near 1.
      assert.ok(large >= small * (GROWTH - 0.5), `${title}: ${small} → ${large} characters`);
    }
  });
});
