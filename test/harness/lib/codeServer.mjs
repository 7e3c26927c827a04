// Starts code-server (VS Code's web workbench plus a real Node extension host) on a
// free 127.0.0.1 port, with every folder it writes to inside `runDir`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTail, withTimeout } from './util.mjs';

const LISTEN_TIMEOUT_MS = 30_000;

/**
 * @param {{ codeServerDir: string, runDir: string, env?: Record<string,string> }} options
 * @returns {Promise<{ baseUrl: string, port: number, authority: string, tail: ReturnType<typeof createTail>,
 *   stop: () => Promise<void>, exited: Promise<string> }>}
 */
export async function startCodeServer({ codeServerDir, runDir, env = {}, installExtensions = [], trustWorkspace = true }) {
  const dirs = {
    home: path.join(runDir, 'home'),
    tmp: path.join(runDir, 'tmp'),
    config: path.join(runDir, 'xdg-config'),
    data: path.join(runDir, 'xdg-data'),
    cache: path.join(runDir, 'xdg-cache'),
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  // An empty config file, so a developer's ~/.config/code-server/config.yaml
  // (password, bind address, …) can't change the test run.
  const configFile = path.join(runDir, 'config.yaml');
  fs.writeFileSync(configFile, '');
  writeUserSettings(dirs.userData, trustWorkspace);

  const args = [
    path.join(codeServerDir, 'out', 'node', 'entry.js'),
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0', // the kernel picks the port; we read it from the log
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--config', configFile,
    '--disable-telemetry',
    '--disable-update-check',
    // Without trust, the workspace opens in restricted mode, as an unknown folder would.
    ...(trustWorkspace ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // Packaged extensions are installed the way a user would, before the server starts.
  for (const vsix of installExtensions) installExtension(codeServerDir, dirs, vsix);
  const child = spawn(process.execPath, args, {
    cwd: runDir,
    env: {
      ...inheritedEnv(),
      HOME: dirs.home,
      TMPDIR: dirs.tmp,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      ...env,
    },
    // Its own process group: code-server forks the extension host and other
    // helpers, and stop() has to end all of them.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = createTail(300);
  const logFile = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  let exited = false;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = true;
    tail.push(`[code-server exited: ${signal ?? code}]`);
    resolve();
  }));

  const listening = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      const text = chunk.toString();
      tail.push(text);
      logFile.write(text);
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(text);
      if (match) resolve(Number(match[2]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    exitPromise.then(() => reject(new Error('code-server exited before it was listening')));
  });

  async function stop() {
    if (!exited) {
      killGroup(child.pid, 'SIGTERM');
      const ended = await Promise.race([exitPromise.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
      if (!ended) killGroup(child.pid, 'SIGKILL');
    }
    // Helpers that outlive the main process are still in the group.
    killGroup(child.pid, 'SIGKILL');
    logFile.end();
  }

  try {
    const port = await withTimeout(listening, LISTEN_TIMEOUT_MS, 'code-server start');
    const authority = `127.0.0.1:${port}`;
    // Resolves if code-server goes away by itself, so waits can stop early.
    const exited = exitPromise.then(() => `code-server exited (see its log)`);
    return { baseUrl: `http://${authority}`, port, authority, tail, stop, exited };
  } catch (error) {
    await stop();
    error.tail = tail;
    throw error;
  }
}

function installExtension(codeServerDir, dirs, vsix) {
  const result = spawnSync(
    process.execPath,
    [path.join(codeServerDir, 'out', 'node', 'entry.js'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix],
    { env: { ...inheritedEnv(), HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache }, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0) throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

// Variables a surrounding VS Code (or `npm run`) sets would make code-server
// think it runs inside another VS Code or another npm project.
function inheritedEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VSCODE_|ELECTRON_|npm_)/i.test(key)),
  );
}

// Keep the workbench quiet and predictable: no welcome page, no "what's new",
// no extension recommendations popping over the editor in screenshots.
function writeUserSettings(userDataDir, trustWorkspace) {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': !trustWorkspace,
    // Restricted mode without the modal that would ask the (absent) user.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false,
    'git.enabled': false,
  };
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}
