#!/usr/bin/env node
// `npm start`: builds the extension, starts the demo API, copies the examples to a
// temporary workspace, and serves VS Code (code-server) with the extension loaded and
// that workspace open (README first, the `demo` environment selected). Prints the URL to
// open and where the temporary examples folder is. Ctrl+C stops everything.
//
//   npm start                    the whole demo
//   npm start -- --no-editor     the demo API alone (for REST Client or httpYac)
//   npm start -- --port 8412     the demo API's port (8412 by default; a free one if taken)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FIRST_FILE, writeExamplesWorkspace } from './examplesWorkspace.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 8412;

const { values: options } = parseArgs({
  options: {
    'no-editor': { type: 'boolean', default: false },
    port: { type: 'string', default: String(DEFAULT_PORT) },
  },
});

const cleanups = [];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {
      // best effort: the rest must still stop
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function fail(message) {
  console.error(`npm start: ${message}`);
  return stop(1);
}

function build() {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error('the build failed (output above)');
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Starts dist/demo.js and resolves with its URL once it listens. */
function startDemo(port) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'demo.js'), '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGTERM'));
  child.on('exit', (code) => {
    if (!stopping) void fail(`the demo API stopped (exit ${code})`);
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('the demo API did not start within 15 s')), 15_000);
    const onData = (chunk) => {
      buffered += chunk;
      const match = /Demo API listening on (http:\/\/\S+)/.exec(buffered);
      if (!match) return;
      clearTimeout(timer);
      // Its per-request log stays out of the way: the output is the one URL line.
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve(match[1]);
    };
    child.stdout.on('data', onData);
  });
}

/** The examples workspace in a temp folder, its env file pointing at the running demo. */
function prepareWorkspace(demoUrl) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'precondition-doctor-examples-'));
  cleanups.push(() => {
    fs.rmSync(folder, { recursive: true, force: true });
    console.log(`Deleted the temporary examples folder ${folder}`);
  });
  return writeExamplesWorkspace({ repoRoot, folder, demoUrl });
}

async function startEditor(folder) {
  const { ensureHarness } = await import('../test/harness/lib/install.mjs');
  const { startCodeServer } = await import('../test/harness/lib/codeServer.mjs');
  const { workbenchUrl } = await import('../test/harness/lib/workbench.mjs');
  const harness = await ensureHarness({ repoRoot, harnessDir: path.join(repoRoot, 'test', 'harness') });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-editor-'));
  cleanups.push(() => fs.rmSync(runDir, { recursive: true, force: true }));
  const server = await startCodeServer({ codeServerDir: harness.codeServerDir, runDir });
  cleanups.push(() => server.stop());
  void server.exited.then((reason) => {
    if (!stopping) void fail(reason);
  });
  return workbenchUrl({ server, folder, extensionDevelopmentPath: repoRoot, openFile: path.join(folder, FIRST_FILE) });
}

try {
  build();
  const wanted = Number(options.port);
  const port = (await portIsFree(wanted)) ? wanted : 0;
  const demoUrl = await startDemo(port);
  if (options['no-editor']) {
    console.log(`Demo API: ${demoUrl}  (Ctrl+C stops it)`);
  } else {
    const folder = prepareWorkspace(demoUrl);
    const url = await startEditor(folder);
    console.log(`Open ${url}  (demo API on ${demoUrl}; Ctrl+C stops everything)`);
    // Edits and exported traces land in this folder: say so before Ctrl+C removes it.
    console.log(`Examples: ${folder}  (a temporary copy, deleted on Ctrl+C: copy out what you want to keep)`);
  }
} catch (error) {
  await fail(error instanceof Error ? error.message : String(error));
}
