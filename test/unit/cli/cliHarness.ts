/**
 * Runs the built command line as a user's shell would: `node dist/cli.js …` in a temp
 * folder holding the .http files, against a demo API the suite starts on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startDemoServer, type DemoServer } from '../../../src/demo/server';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let built: Promise<void> | undefined;

/** Builds dist/cli.js once per mocha process, however many suites ask. */
export function buildCli(): Promise<void> {
  built ??= new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node scripts/build.mjs exited with ${code}:\n${output}`))));
  });
  return built;
}

/**
 * Asynchronous on purpose: the demo API runs in this process, so a blocking spawnSync would starve it.
 * `env`: the child's whole environment (this process's when absent), for `{{$processEnv …}}`.
 */
export function runCli(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh folder per test, removed by `cleanup`; `write` creates parent folders as needed. */
export class TempFolder {
  readonly root = mkdtempSync(path.join(tmpdir(), 'precondition-doctor-cli-'));

  write(relative: string, text: string): string {
    const file = path.join(this.root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  path(relative: string): string {
    return path.join(this.root, relative);
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Mocha hooks: build before the suite, a new temp folder around each test. */
export function useCliWorkspace(): { folder: () => TempFolder } {
  let folder: TempFolder | undefined;
  before(async function () {
    this.timeout(60_000);
    await buildCli();
  });
  beforeEach(() => {
    folder = new TempFolder();
  });
  afterEach(() => folder?.cleanup());
  return { folder: () => folder! };
}

/** One demo API per suite, reset before each test so no test sees another's edits. */
export function useDemo(): { url: () => string } {
  let server: DemoServer | undefined;
  before(async () => {
    server = await startDemoServer({ port: 0 });
  });
  beforeEach(async () => {
    await (await fetch(`${server!.url}/_reset`, { method: 'POST' })).arrayBuffer();
  });
  after(async () => {
    await server?.close();
  });
  return { url: () => server!.url };
}

/** A port nothing listens on: one the OS just handed out and we released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The body of the demo's document 1, as a PUT sends it. */
export const ITEM_1_BODY = '{ "id": "1", "title": "Quarterly report (final)", "status": "final", "owner": "alice" }';

/** GET, another client's edit, then a PUT with the tag from the GET: the classic 412. */
export function staleUpdateFile(baseUrl: string): string {
  return `@baseUrl = ${baseUrl}

### Read the document
# @name get
GET {{baseUrl}}/items/1

### Another client edits it
POST {{baseUrl}}/_simulate/edit/items/1

### Save with the tag we read
# @name update
PUT {{baseUrl}}/items/1
Content-Type: application/json
If-Match: {{get.response.headers.ETag}}

${ITEM_1_BODY}
`;
}
