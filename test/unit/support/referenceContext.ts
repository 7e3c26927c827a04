import type { ReferenceContext } from '../../../src/core/variables/resolveReference';

/**
 * A context in which `{{…}}` sees only what the test gives it: no environment, no
 * process variables, a fixed clock and a fixed "random" number.
 */
export function referenceContext(overrides: Partial<ReferenceContext> = {}): ReferenceContext {
  return {
    environment: {},
    requestNames: new Set(),
    namedExchange: () => undefined,
    now: () => new Date('2026-01-01T00:00:00Z'),
    random: () => 0,
    processEnv: {},
    dotenv: {},
    lookupEnvironment: () => undefined,
    ...overrides,
  };
}
