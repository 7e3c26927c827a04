import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'precondition-doctor';

/**
 * Read at run time from the package.json above this file: `dist/cli.js` sits one level
 * below it, the compiled tests' copy three, and reading it keeps the bundle free of the
 * manifest's large `contributes` section.
 */
export function readVersion(from: string = __dirname): string {
  for (let folder = from, depth = 0; depth < 5; folder = path.dirname(folder), depth++) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here (or not ours): keep walking up
    }
  }
  return 'unknown';
}
