// One code-server with its own temp folder, plus what a hung run needs to report:
// every live session and page registers its log tail here, and the overall
// deadline in run.mjs prints them all before killing everything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { printTail } from './util.mjs';

const liveTails = new Map();
const cleanups = new Set();

export function registerTail(name, tail) {
  liveTails.set(name, tail);
  return () => liveTails.delete(name);
}

export function printLiveTails() {
  for (const [name, tail] of liveTails) printTail(name, tail);
}

/** Registers `fn` to run on cleanupAll(); returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function cleanupAll() {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((fn) => fn()));
}

/**
 * Starts code-server for one phase. `env` reaches the extension host.
 * @param {{ harness: any, name: string, env?: Record<string,string>, keep?: boolean }} options
 */
export async function startSession({ harness, name, env = {}, keep = false, installExtensions = [], trustWorkspace = true }) {
  // Short, so unix socket paths under it stay below the 108-byte limit.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `pd-${name}-`));
  let server;
  try {
    server = await startCodeServer({ codeServerDir: harness.codeServerDir, runDir, env, installExtensions, trustWorkspace });
  } catch (error) {
    if (error.tail) printTail(`code-server log (${name})`, error.tail);
    throw error;
  }
  const unregisterTail = registerTail(`code-server log (${name}, ${runDir}/code-server.log)`, server.tail);
  let workspaces = 0;

  async function stop() {
    unregisterCleanup();
    unregisterTail();
    await server.stop();
    if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
  }
  const unregisterCleanup = onCleanup(stop);

  return {
    runDir,
    server,
    stop,
    /** A fresh copy of the fixture workspace, so no test sees another's edits. */
    copyWorkspace(fixtureDir) {
      const dir = path.join(runDir, `w${++workspaces}`, 'workspace');
      fs.cpSync(fixtureDir, dir, { recursive: true });
      return dir;
    },
  };
}
