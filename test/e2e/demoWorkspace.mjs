// Shared by the E2E modules: the demo API on a free port, and .http files written
// into the workbench's workspace before a person opens them.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The compiled demo server (npm run compile-tests puts it under out/). */
export async function startDemo(repoRoot) {
  const { startDemoServer } = require(path.join(repoRoot, 'out/src/demo/server.js'));
  return startDemoServer({ port: 0 });
}

export function writeHttpFile(workspaceDir, name, lines) {
  fs.writeFileSync(path.join(workspaceDir, name), `${lines.join('\n')}\n`);
  return name;
}

export async function post(url) {
  const response = await fetch(url, { method: 'POST' });
  await response.arrayBuffer();
}
