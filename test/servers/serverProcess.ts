import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/**
 * A real third-party server the tests start and stop: CONTRACTS says behaviour about servers
 * is tested against them, not against our own demo API, which shares our evaluator.
 */
export interface RunningServer {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  origin: string;
  port: number;
  /** Everything the process wrote, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerCommand {
  /** For messages: "Azurite", "Varnish". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  /** The port, from what the process printed; `undefined` until it says. Omit when the port was chosen up front. */
  portFrom?: (output: string) => number | undefined;
  port?: number;
  /** Answers `true` once the server serves requests (not merely listens). */
  ready: (origin: string) => Promise<boolean>;
  startTimeoutMs?: number;
}

/** Thrown, never skipped: a missing server must fail the suite and say how to install it. */
export class MissingServerError extends Error {}

/**
 * Starts `command` in its own process group (so `stop` also ends whatever it forks: varnishd's
 * child, a shell) and resolves once `ready` says yes. A process that exits or stays unready
 * fails with its output.
 */
export async function startServerProcess(spec: ServerCommand): Promise<RunningServer> {
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exit: string | undefined;
  child.on('exit', (code, signal) => (exit = `exited (${signal ?? `code ${code}`})`));
  child.on('error', (error) => (exit = `could not start: ${error.message}`));
  const stop = () => stopProcessGroup(child);

  const deadline = Date.now() + (spec.startTimeoutMs ?? 20000);
  let port = spec.port;
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`${spec.name} ${exit} before it answered:\n${output}`);
    port ??= spec.portFrom?.(output);
    if (port !== undefined && (await spec.ready(`http://127.0.0.1:${port}`).catch(() => false))) {
      return { origin: `http://127.0.0.1:${port}`, port, output: () => output, stop };
    }
    await delay(100);
  }
  await stop();
  throw new Error(`${spec.name} did not answer within ${spec.startTimeoutMs ?? 20000} ms:\n${output}`);
}

/** SIGTERM to the whole group, SIGKILL if it is still there after 5 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const killed = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
  if (!killed) {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * A port nothing listens on right now, for servers that can't be told to pick one (varnishd).
 * Another process could take it before the server binds; the start then fails loudly.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether anything answers HTTP at `url` (any status). */
export async function answersHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
