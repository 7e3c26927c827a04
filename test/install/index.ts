// The install test's mocha entry: the same runner as the integration suites, over test/install.
import { runSuitesIn } from '../integration/index';

export function run(): Promise<void> {
  return runSuitesIn(__dirname);
}
