// Finds a Chromium for playwright-core, in this order:
//   1. CHROME_PATH, if set (any Chromium/Chrome build);
//   2. @sparticuz/chromium from the harness install (no root needed: the binary
//      is inside the npm tarball and unpacks once into the harness cache);
//   3. Debian's /usr/bin/chromium (`apt-get install chromium`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { log } from './util.mjs';

/** @returns {Promise<{ executablePath: string, env: Record<string,string>, source: string }>} */
export async function resolveChromium({ harness }) {
  if (process.env.CHROME_PATH) {
    return { executablePath: process.env.CHROME_PATH, env: {}, source: 'CHROME_PATH' };
  }
  try {
    return await unpackSparticuz(harness);
  } catch (error) {
    if (fs.existsSync('/usr/bin/chromium')) {
      log(`@sparticuz/chromium unusable (${error.message}); using /usr/bin/chromium`);
      return { executablePath: '/usr/bin/chromium', env: {}, source: 'debian' };
    }
    throw new Error(`no usable Chromium: ${error.message}. Set CHROME_PATH or run \`apt-get install -y chromium\`.`);
  }
}

async function unpackSparticuz(harness) {
  const packageDir = path.join(harness.nodeModules, '@sparticuz', 'chromium');
  const dir = path.join(harness.dir, 'chromium');
  const executablePath = path.join(dir, 'chromium');
  if (!fs.existsSync(executablePath)) {
    // executablePath() unpacks into os.tmpdir() and trusts whatever it finds
    // there next time, so unpack into a private folder and rename it into place.
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    const { default: Chromium } = await import(pathToFileURL(path.join(packageDir, 'build', 'esm', 'index.js')).href);
    await withTmpdir(partial, () => Chromium.executablePath());
    if (!fs.existsSync(path.join(dir, 'chromium'))) fs.renameSync(partial, dir);
    else fs.rmSync(partial, { recursive: true, force: true });
  }
  return { executablePath, env: await libraryPathFor(executablePath, packageDir, dir), source: '@sparticuz/chromium' };
}

// The browser links against libnss3/libnspr4 and friends. When the host lacks
// them, the package's Amazon Linux bundle has them: unpack it and point
// LD_LIBRARY_PATH at it, for the browser only.
async function libraryPathFor(executablePath, packageDir, dir) {
  if (missingLibraries(executablePath).length === 0) return {};
  const libDir = path.join(dir, 'al2023', 'lib');
  if (!fs.existsSync(libDir)) {
    const { inflate } = await import(pathToFileURL(path.join(packageDir, 'build', 'esm', 'lambdafs.js')).href);
    await withTmpdir(dir, () => inflate(path.join(packageDir, 'bin', 'al2023.tar.br')));
  }
  const libraryPath = [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const stillMissing = missingLibraries(executablePath, { LD_LIBRARY_PATH: libraryPath });
  if (stillMissing.length > 0) throw new Error(`Chromium still misses ${stillMissing.join(', ')}`);
  return { LD_LIBRARY_PATH: libraryPath };
}

function missingLibraries(executablePath, extraEnv = {}) {
  try {
    const out = execFileSync('ldd', [executablePath], { encoding: 'utf8', env: { ...process.env, ...extraEnv } });
    return [...out.matchAll(/^\s*(\S+) => not found/gm)].map((m) => m[1]);
  } catch {
    return []; // no ldd: let the launch itself report what is wrong
  }
}

async function withTmpdir(dir, fn) {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
