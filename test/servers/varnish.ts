import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MissingServerError, answersHttp, freePort, startServerProcess, type RunningServer } from './serverProcess';

/** The path the readiness check asks for; a test origin answers it, and no test reads it. */
export const VARNISH_READY_PATH = '/__varnish-ready';

/**
 * Varnish from Debian (`varnish` package) in front of `backendPort` on 127.0.0.1, with its
 * built-in VCL: it caches what the origin lets it cache and, by default, ignores a client's
 * `Cache-Control: no-cache`, which is what makes a cache the cause of a 412 people can't see.
 * `-j none` runs it as whoever we are (no jail users needed); its work dir is a temp dir.
 */
export async function startVarnish(backendPort: number): Promise<RunningServer> {
  const varnishd = findVarnishd();
  const port = await freePort();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'pd-varnish-'));
  try {
    const server = await startServerProcess({
      name: 'Varnish',
      command: varnishd,
      args: ['-F', '-j', 'none', '-a', `127.0.0.1:${port}`, '-b', `127.0.0.1:${backendPort}`, '-n', workDir, '-s', 'malloc,16m'],
      port,
      // It compiles its VCL with gcc first: a few seconds on a busy machine.
      startTimeoutMs: 30000,
      ready: (origin) => answersHttp(`${origin}${VARNISH_READY_PATH}`),
    });
    return {
      ...server,
      stop: async () => {
        await server.stop();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

/** Debian installs it in /usr/sbin, which a non-root PATH often lacks. */
function findVarnishd(): string {
  for (const candidate of ['varnishd', '/usr/sbin/varnishd', '/usr/local/sbin/varnishd']) {
    if (spawnSync(candidate, ['-V']).error === undefined) return candidate;
  }
  throw new MissingServerError('varnishd is missing: run `apt-get install -y varnish` as root (.ci/run does this when it runs as root).');
}
