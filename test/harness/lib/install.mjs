// Installs the harness (code-server, playwright-core, Chromium) on first use into
// <repo>/.harness-cache/<hash>/, so the extension's own node_modules stay small.
// The hash covers the harness manifest, lockfile and .npmrc: change any of them
// and the next run installs afresh.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { log } from './util.mjs';

const MANIFEST_FILES = ['package.json', 'package-lock.json', '.npmrc'];
const DONE_MARKER = '.harness-installed';

/** @returns {Promise<{ dir: string, nodeModules: string, codeServerDir: string, vscodeDir: string, hasRipgrep: boolean }>} */
export async function ensureHarness({ repoRoot, harnessDir }) {
  const hash = manifestHash(harnessDir);
  const cacheRoot = path.join(repoRoot, '.harness-cache');
  const dir = path.join(cacheRoot, hash);
  if (!fs.existsSync(path.join(dir, DONE_MARKER))) {
    await installInto(cacheRoot, dir, harnessDir);
    pruneOldInstalls(cacheRoot, hash);
  }
  const nodeModules = path.join(dir, 'node_modules');
  const codeServerDir = path.join(nodeModules, 'code-server');
  const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');
  const hasRipgrep = linkRipgrep(nodeModules);
  return { dir, nodeModules, codeServerDir, vscodeDir, hasRipgrep };
}

function manifestHash(harnessDir) {
  const hash = createHash('sha256');
  for (const name of MANIFEST_FILES) hash.update(fs.readFileSync(path.join(harnessDir, name)));
  hash.update(`${process.platform}-${process.arch}`);
  return hash.digest('hex').slice(0, 12);
}

// Installs into a private folder and renames it into place, so two runs starting
// at once (or a run killed half-way) never leave a half-installed cache behind.
async function installInto(cacheRoot, dir, harnessDir) {
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  for (const name of MANIFEST_FILES) fs.copyFileSync(path.join(harnessDir, name), path.join(partial, name));

  log(`installing the test harness into ${path.relative(process.cwd(), dir) || dir} (first run only)…`);
  const started = Date.now();
  await runNpmCi(partial);
  linkVscodeServerDependencies(path.join(partial, 'node_modules'), readPackageJson(harnessDir).vscodeServerDependencies);
  fs.writeFileSync(path.join(partial, DONE_MARKER), new Date().toISOString() + '\n');
  // A folder without the marker is an install that never finished: replace it.
  if (fs.existsSync(dir) && !fs.existsSync(path.join(dir, DONE_MARKER))) fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(partial, dir);
  } catch (error) {
    // Another run finished first: use its copy.
    if (!fs.existsSync(path.join(dir, DONE_MARKER))) throw error;
    fs.rmSync(partial, { recursive: true, force: true });
  }
  log(`harness installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function runNpmCi(cwd) {
  // `npm run` exports its own config (local_prefix=<repo>, …) to children; a
  // nested npm would honour it and install into the repo. Drop those.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) =>
      !/^npm_(package|lifecycle)_|^npm_command$|^npm_config_(local_prefix|prefix|global_prefix|call|ignore_scripts)$/i.test(key)),
  );
  env.npm_config_ignore_scripts = 'true';
  const args = ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm ${args.join(' ')} exited with ${code} in ${cwd}`))));
  });
}

// VS Code's server resolves its own modules (and serves some of their files to the
// browser, e.g. onig.wasm) from lib/vscode/node_modules, which the npm package
// leaves empty because its postinstall can't run here. Point each entry at the
// copy npm installed at the top level. Relative links survive the rename above.
function linkVscodeServerDependencies(nodeModules, names) {
  if (!Array.isArray(names) || names.length === 0) throw new Error('test/harness/package.json lists no vscodeServerDependencies');
  const vscodeModules = path.join(nodeModules, 'code-server', 'lib', 'vscode', 'node_modules');
  for (const name of names) {
    const target = path.join(nodeModules, name);
    const link = path.join(vscodeModules, name);
    if (!fs.existsSync(target)) throw new Error(`harness dependency ${name} is missing from ${nodeModules}`);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(path.relative(path.dirname(link), target), link, 'dir');
  }
  // Some server code asks for node_modules.asar (the desktop build's packed name).
  const asar = path.join(nodeModules, 'code-server', 'lib', 'vscode', 'node_modules.asar');
  fs.rmSync(asar, { force: true });
  fs.symlinkSync('node_modules', asar, 'dir');
}

// @vscode/ripgrep downloads rg in a postinstall we skip; VS Code needs rg for
// workspace.findFiles and search. Use the system's (Debian: `apt-get install ripgrep`),
// re-checked on every run so installing it later just works.
function linkRipgrep(nodeModules) {
  const link = path.join(nodeModules, '@vscode', 'ripgrep', 'bin', 'rg');
  const rg = process.env.RG_PATH || findOnPath('rg');
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true });
  if (rg) {
    fs.symlinkSync(rg, link);
    return true;
  }
  log('warning: no `rg` on PATH, so workspace.findFiles, search and Quick Open find nothing in the test workbench. ' +
    'Install it with `apt-get install -y ripgrep` (or set RG_PATH).');
  return false;
}

function findOnPath(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

// Installs for other lockfiles, and half-done ones whose run has died.
function pruneOldInstalls(cacheRoot, keepHash) {
  for (const entry of fs.readdirSync(cacheRoot)) {
    const partialOf = /\.partial-(\d+)$/.exec(entry);
    const outdated = /^[0-9a-f]{12}$/.test(entry) && entry !== keepHash;
    if (outdated || (partialOf && !isAlive(Number(partialOf[1])))) {
      log(`removing ${outdated ? 'the outdated' : 'an unfinished'} harness install ${entry}`);
      fs.rmSync(path.join(cacheRoot, entry), { recursive: true, force: true });
    }
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

export function readPackageJson(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}
