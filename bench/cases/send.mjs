// Case 2, the send path. Same server, same 50 URLs, same headers for both contenders:
//   raw:  undici.request on one keep-alive Agent, body read as text (the floor any client pays);
//   ours: RequestExecutor.execute: resolve {{baseUrl}} → validate → send → read and decode
//         the body → record validators → history → SendResult.
// Then both command lines as whole processes sending a 200-request file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { compareInBatches, summarize } from '../lib/stats.mjs';
import { startServerProcess } from '../lib/server.mjs';

const RESOURCES = 50;
const REQUESTS = 2000;
const IN_FLIGHT = 32;
const CLI_REQUESTS = 200;

export async function sendCases({ core, repoRoot, scratch, dist, quick }) {
  const server = await startServerProcess();
  try {
    const results = [];
    const { raw, ours, close } = contenders(core, server.baseUrl);
    try {
      // Contenders take turns every 100 requests (250 with 32 in flight): a busy moment on the
      // machine lands on both instead of deciding the ratio. A sample is still 2,000 requests.
      const runs = quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 7 };
      const sequential = await compareInBatches({
        raw: (from, to) => sequentially(raw, from, to),
        ours: (from, to) => sequentially(ours.send, from, to),
      }, { steps: REQUESTS, batches: 20, ...runs });
      ours.check();
      results.push(sendRow('send.sequential', `${REQUESTS} GETs, one at a time`, sequential));
      const concurrent = await compareInBatches({
        raw: (from, to) => inFlight(raw, from, to),
        ours: (from, to) => inFlight(ours.send, from, to),
      }, { steps: REQUESTS, batches: 8, ...runs });
      ours.check();
      results.push(sendRow('send.concurrent', `${REQUESTS} GETs, ${IN_FLIGHT} in flight`, concurrent));
    } finally {
      await close();
    }
    results.push(await cliRow({ repoRoot, scratch, dist, baseUrl: server.baseUrl, quick }));
    return results;
  } finally {
    await server.stop();
  }
}

function contenders(core, baseUrl) {
  const urls = Array.from({ length: RESOURCES }, (_, i) => `${baseUrl}/items/${i}`);
  const headers = { accept: 'application/json', 'user-agent': 'precondition-doctor-bench' };
  const agent = new Agent();
  const raw = async (i) => {
    const response = await request(urls[i % RESOURCES], { dispatcher: agent, method: 'GET', headers });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`raw undici: status ${response.statusCode}`);
  };

  const file = Array.from({ length: RESOURCES }, (_, i) =>
    `### item ${i}\nGET {{baseUrl}}/items/${i}\nAccept: application/json\nUser-Agent: precondition-doctor-bench\n`).join('\n');
  const parsed = core.parseHttpFile(file);
  const client = new core.HttpClient();
  const validators = new core.ValidatorStore({ maxEntries: 5000 }); // no persistence: memory only
  const history = new core.ExchangeHistory();
  const requestPath = new core.RequestPath({ client, validators, log: () => undefined, redaction: () => new core.RedactionPolicy() });
  const executor = new core.RequestExecutor({ path: requestPath, validators, history, log: () => undefined });
  const source = { documentKey: 'bench://send.http', parsed };
  const settings = {
    environments: { $shared: {}, bench: { baseUrl } },
    trustedWorkspace: true,
    timeoutMs: 30_000,
    maxResponseBodyBytes: 5 * 1024 * 1024,
    followRedirects: false,
  };
  let failure;
  const ours = {
    send: async (i) => {
      const result = await executor.execute(source, parsed.requests[i % RESOURCES], 'bench', settings);
      if (result.status !== 200) failure ??= result.error ?? `status ${result.status}`;
    },
    check: () => {
      if (failure) throw new Error(`our send path failed: ${failure}`);
      // Proves the path did what it is timed for: every URL has its validators recorded.
      if (validators.size !== RESOURCES || !validators.freshestEtag(urls[7])) throw new Error('our send path recorded no validators');
    },
  };
  return {
    raw,
    ours,
    close: async () => {
      await Promise.all([agent.close(), client.dispose()]);
      validators.dispose();
    },
  };
}

async function sequentially(send, from, to) {
  for (let i = from; i < to; i++) await send(i);
}

async function inFlight(send, from, to) {
  let next = from;
  const worker = async () => {
    while (next < to) await send(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

function sendRow(id, what, { raw, ours }) {
  return {
    id,
    case: 'Send path',
    what,
    unit: 'ms',
    ours,
    baseline: { name: 'raw undici.request', ...raw },
    ratio: ours.median / raw.median,
    goal: { text: 'ours ≤ 1.15× raw undici', on: 'ratio', max: 1.15 },
  };
}

/** Both CLIs, each as a whole process (start-up included), sending the same 200-request file. */
async function cliRow({ repoRoot, scratch, dist, baseUrl, quick }) {
  const httpFile = path.join(scratch, 'cli-200.http');
  const lines = [`@baseUrl = ${baseUrl}`, ''];
  for (let i = 0; i < CLI_REQUESTS; i++) lines.push(`### item ${i}`, `GET {{baseUrl}}/items/${i % RESOURCES}`, 'Accept: application/json', '');
  fs.writeFileSync(httpFile, lines.join('\n'));

  // Both with their default output (each prints every exchange), into a pipe.
  const httpyac = [path.join(repoRoot, 'node_modules', 'httpyac', 'bin', 'httpyac.js'), 'send', httpFile, '--all'];
  const ourCli = dist && fs.existsSync(path.join(dist, 'cli.js')) ? [path.join(dist, 'cli.js'), 'send', httpFile, '--all'] : undefined;
  const runs = quick ? 2 : 3;
  const contenders = { httpyac: () => runProcess(httpyac, scratch) };
  if (ourCli) contenders.ours = () => runProcess(ourCli, scratch);

  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  let failure;
  for (let round = 0; round < runs + 1; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const { ms, error } = run();
      if (error) failure ??= `${name}: ${error}`;
      else if (round > 0) samples[name].push(ms); // round 0 warms the disk cache
    }
  }
  const row = {
    id: 'send.cli',
    case: 'Send path',
    what: `CLI process sending ${CLI_REQUESTS} requests from a file`,
    unit: 'ms',
    baseline: samples.httpyac.length ? { name: 'httpyac CLI (send --all)', ...summarize(samples.httpyac) } : undefined,
    goal: { text: 'informational (no goal set)' },
  };
  if (samples.ours?.length) {
    row.ours = summarize(samples.ours);
    if (row.baseline) row.ratio = row.ours.median / row.baseline.median;
  } else {
    row.note = ourCli ? undefined : 'our CLI (src/cli/main.ts → dist/cli.js) does not exist yet: only httpyac measured';
  }
  if (failure) row.note = [row.note, `a CLI run failed: ${failure}`].filter(Boolean).join('; ');
  return row;
}

function runProcess([script, ...args], cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  const ms = performance.now() - started;
  if (result.error) return { ms, error: result.error.message };
  if (result.status !== 0) return { ms, error: `exit code ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}` };
  return { ms };
}
