// Install phase: the packaged .vsix as a user gets it. Its file list is checked, then it
// is installed into a clean code-server (--install-extension) and the smoke suite in
// test/install runs against the installed copy. The development path is an empty host
// extension, so nothing is loaded from the repository.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { runIntegration } from './integration.mjs';
import { log } from './util.mjs';

const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;
// dist/extension.js loads dist/main.js, which require()s the others on first use (scripts/build.mjs).
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/main.js', 'extension/dist/commands.js', 'extension/dist/undici.js', 'extension/dist/diagnosis.js', 'extension/dist/demoServer.js', 'extension/dist/network.js', 'extension/readme.md', 'extension/changelog.md', 'extension/media/icon.png', 'extension/examples/01-changed-by-another-client.http'];
const FORBIDDEN = [/^extension\/src\//, /^extension\/test\//, /^extension\/bench\//, /^extension\/node_modules\//, /^extension\/\.harness-cache\//, /^extension\/out\//, /\.map$/, /\.ts$/];

export async function runInstallPhase({ harness, vsix, repoRoot, ...common }) {
  const problems = await checkVsixContents(harness, vsix);
  for (const problem of problems) console.log(`FAILED vsix contents: ${problem}`);
  if (problems.length === 0) log(`install: ${path.basename(vsix)} has the expected files (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
  const result = await runIntegration({
    ...common,
    harness,
    name: 'install',
    installExtensions: [vsix],
    extensionPath: path.join(repoRoot, 'test', 'fixtures', 'install-host'),
    testsEntry: path.join(repoRoot, 'out', 'test', 'install', 'index.js'),
  });
  return { passed: result.passed + (problems.length === 0 ? 1 : 0), failed: result.failed + (problems.length === 0 ? 0 : 1), skipped: result.skipped };
}

/** Reads the zip's central directory with yauzl (a VS Code server dependency the harness already has). */
async function checkVsixContents(harness, vsix) {
  const problems = [];
  if (!fs.existsSync(vsix)) return [`${vsix} does not exist: run \`npm run package\` first`];
  const size = fs.statSync(vsix).size;
  if (size > MAX_VSIX_BYTES) problems.push(`${(size / 1024 / 1024).toFixed(2)} MB is over the 1.5 MB budget`);
  const yauzl = createRequire(path.join(harness.nodeModules, 'noop.js'))('yauzl');
  const names = await new Promise((resolve, reject) => {
    yauzl.open(vsix, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const found = [];
      zip.on('entry', (entry) => {
        found.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(found));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
  for (const required of REQUIRED) if (!names.includes(required)) problems.push(`${required} is missing`);
  for (const name of names) if (FORBIDDEN.some((pattern) => pattern.test(name))) problems.push(`${name} must not be packaged`);
  return problems;
}
