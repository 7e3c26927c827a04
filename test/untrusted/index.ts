// Suites that run in a workspace opened in restricted mode (not trusted).
import { runSuitesIn } from '../integration/index';

export function run(): Promise<void> {
  return runSuitesIn(__dirname);
}
