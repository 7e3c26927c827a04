// The workspace `npm start` opens, and test/e2e/firstRun.e2e.mjs opens the same way:
// the examples, their `demo` environment pointed at the running demo API and selected
// by default, and the README as the first thing to read.
import fs from 'node:fs';
import path from 'node:path';

/** Opened at start: it says what each example shows and in which order. */
export const FIRST_FILE = 'README.md';

export function writeExamplesWorkspace({ repoRoot, folder, demoUrl }) {
  fs.cpSync(path.join(repoRoot, 'examples'), folder, { recursive: true });
  const envFile = path.join(folder, 'http-client.env.json');
  const environments = JSON.parse(fs.readFileSync(envFile, 'utf8'));
  for (const variables of Object.values(environments)) {
    if (typeof variables.baseUrl === 'string') variables.baseUrl = demoUrl;
  }
  fs.writeFileSync(envFile, `${JSON.stringify(environments, null, 2)}\n`);
  const settings = {
    // Without it the first send fails on {{baseUrl}} until the user finds Select Environment.
    'preconditionDoctor.defaultEnvironment': 'demo',
    'workbench.startupEditor': 'none',
  };
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return folder;
}
