import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { ValidatorsFile } from '../../../src/cli/validatorsFile';
import { startServer, type TestServer } from '../http/testServer';
import { CLI, runCli, useCliWorkspace } from './cliHarness';

const STORE = 'api/.precondition-doctor/validators.json';
const ITERATIONS = 30;
/** Records of 20 observations each: a file of megabytes, so a kill lands inside a save often. */
const SEEDED = 1500;

/** The saved file as the next run would load it: every record, and every warning loading gave. */
function loadSaved(file: string): { urls: Set<string>; warnings: string[] } {
  const warnings: string[] = [];
  const store = new ValidatorStore({ persistence: new ValidatorsFile(file), log: (m) => warnings.push(m) });
  const urls = new Set(store.all().map((record) => record.url));
  store.dispose();
  return { urls, warnings };
}

function seed(file: string, origin: string): void {
  let time = Date.parse('2024-05-01T10:00:00.000Z');
  const store = new ValidatorStore({ persistence: new ValidatorsFile(file), saveDelayMs: 60_000 });
  for (let record = 0; record < SEEDED; record++) {
    for (let observation = 0; observation < 20; observation++) {
      store.recordResponse({ method: 'GET', url: `${origin}/seeded/${record}`, status: 200, responseHeaders: { etag: `"${record}-${observation}"` } }, new Date(time++));
    }
  }
  store.dispose();
}

/**
 * When to kill: `afterMs` after the start (`anytime`), after it takes the lock (`locked`), or
 * after it starts writing, whichever way it writes (`writing`: a new file beside the saved one,
 * or the saved one changing). Writing a few megabytes takes milliseconds of a run that takes
 * hundreds, so only the last way lands inside the write often.
 */
type KillMoment = 'anytime' | 'locked' | 'writing';

function folderState(file: string): string {
  const folder = path.dirname(file);
  const names = readdirSync(folder).filter((name) => !name.endsWith('.lock')).sort();
  const { ino, size, mtimeMs } = statSync(file);
  return `${names.join(',')} ${ino} ${size} ${mtimeMs}`;
}

/** Starts the command line and SIGKILLs it at `moment` plus `afterMs`; the signal that ended it (null: it finished first). */
function runAndKill(args: string[], cwd: string, file: string, moment: KillMoment, afterMs: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const lockFile = `${file}.lock`;
    const before = folderState(file);
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    let poll: NodeJS.Timeout | undefined;
    if (moment === 'anytime') {
      setTimeout(kill, afterMs);
    } else {
      poll = setInterval(() => {
        const reached = moment === 'locked' ? existsSync(lockFile) : folderState(file) !== before;
        if (!reached) return;
        clearInterval(poll);
        setTimeout(kill, afterMs);
      }, 1);
    }
    child.once('error', reject);
    child.once('exit', (_code, signal) => {
      clearInterval(poll);
      resolve(signal);
    });
  });
}

describe('precondition-doctor killed while it saves', () => {
  const workspace = useCliWorkspace();
  let server: TestServer;
  before(async () => {
    server = await startServer((_request, response) => {
      response.setHeader('ETag', '"fresh"');
      response.end('ok');
    });
  });
  after(() => server.close());

  it('always leaves a validators file that loads whole, with the old records or the new, and no lock for good', async function () {
    this.timeout(240_000);
    const folder = workspace.folder();
    const file = folder.path(STORE);
    seed(file, server.origin);
    const lockFile = `${file}.lock`;
    const send = (iteration: number) => {
      folder.write('api/one.http', `GET ${server.origin}/run/${iteration}\n`);
      return ['send', 'api/one.http'];
    };

    const started = Date.now();
    const calibration = await runCli(send(-1), folder.root);
    assert.equal(calibration.code, 0, calibration.stderr);
    const runMs = Date.now() - started;
    let expected = loadSaved(file).urls;
    assert.equal(expected.size, SEEDED + 1);

    const tally = { killed: 0, killedHoldingLock: 0, killedWriting: 0, oldFile: 0, newFile: 0 };
    // A lock or temporary file stays until the next save clears it, so each is counted once, by name or owner.
    const locksLeft = new Set<string>();
    const temporaryFilesLeft = new Set<string>();
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const moment = (['anytime', 'locked', 'writing'] as const)[iteration % 3];
      // `anytime` reaches past the run's usual length, so some runs finish and replace the file.
      const afterMs = Math.random() * (moment === 'anytime' ? 2 * runMs : moment === 'locked' ? 100 : 3);
      const signal = await runAndKill(send(iteration), folder.root, file, moment, afterMs);
      if (signal === 'SIGKILL') tally.killed++;
      if (existsSync(lockFile)) locksLeft.add(readFileSync(lockFile, 'utf8'));
      readdirSync(path.dirname(file)).filter((name) => name.endsWith('.tmp')).forEach((name) => temporaryFilesLeft.add(name));
      tally.killedHoldingLock = locksLeft.size;
      tally.killedWriting = temporaryFilesLeft.size;

      const text = readFileSync(file, 'utf8');
      assert.doesNotThrow(() => JSON.parse(text), `iteration ${iteration}: not JSON`);
      const saved = loadSaved(file);
      assert.deepEqual(saved.warnings, [], `iteration ${iteration}`);
      const added = [...saved.urls].filter((url) => !expected.has(url));
      const lost = [...expected].filter((url) => !saved.urls.has(url));
      assert.deepEqual(lost, [], `iteration ${iteration}: records lost`);
      assert.ok(added.length === 0 || (added.length === 1 && added[0] === `${server.origin}/run/${iteration}`), `iteration ${iteration}: ${added.join(', ')}`);
      if (added.length === 0) tally.oldFile++;
      else tally.newFile++;
      expected = saved.urls;
    }

    // Whatever the kills left behind, the next run takes the lock, saves and cleans up.
    const last = await runCli(send(ITERATIONS), folder.root);
    assert.equal(last.code, 0, last.stderr);
    assert.ok(loadSaved(file).urls.has(`${server.origin}/run/${ITERATIONS}`));
    assert.deepEqual(readdirSync(path.dirname(file)), ['validators.json']);
    // Some kills must have landed inside a write, or the loop did not test what it says.
    assert.ok(tally.killed >= ITERATIONS / 2, JSON.stringify(tally));
    assert.ok(tally.killedWriting > 0, JSON.stringify(tally));
    console.log(`      ${JSON.stringify(tally)} (a full run takes ${runMs} ms)`);
  });

  it('takes over a lock left by a process that no longer runs', async function () {
    this.timeout(60_000);
    const folder = workspace.folder();
    const file = folder.path(STORE);
    const dead = spawn(process.execPath, ['-e', '']);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.once('exit', resolve));
    folder.write('api/one.http', `GET ${server.origin}/after-crash\n`);
    // Dated an hour ahead, so the lock never ages out during the run: only the dead owner can free it,
    // and without that check the run would wait out its patience and report the lock instead.
    const lock = { pid, host: hostname(), acquiredAt: Date.now() + 3_600_000, token: 'crashed' };
    writeFileSync(folder.write(`${STORE}.lock`, ''), JSON.stringify(lock));

    const run = await runCli(['send', 'api/one.http'], folder.root);

    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.ok(loadSaved(file).urls.has(`${server.origin}/after-crash`));
    assert.equal(existsSync(`${file}.lock`), false);
  });
});
