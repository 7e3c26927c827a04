import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { withFileLock } from '../../../src/cli/fileLock';

describe('withFileLock', () => {
  let folder: string;
  let lock: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'precondition-doctor-lock-'));
    lock = path.join(folder, 'validators.json.lock');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const heldBy = (pid: number, acquiredAt: number) => writeFileSync(lock, JSON.stringify({ pid, host: hostname(), acquiredAt, token: 'other' }));

  it('holds the lock, naming this process, only while the action runs', () => {
    const seen = withFileLock(lock, () => JSON.parse(readFileSync(lock, 'utf8')) as { pid: number });
    assert.equal(seen.pid, process.pid);
    assert.equal(existsSync(lock), false);
  });

  it('releases the lock when the action throws', () => {
    assert.throws(() => withFileLock(lock, () => { throw new Error('disk full'); }), /disk full/);
    assert.equal(existsSync(lock), false);
  });

  it('gives up on a live owner after the wait, naming the lock file and the owner', () => {
    heldBy(process.pid, Date.now());
    assert.throws(
      () => withFileLock(lock, () => 'never', { waitMs: 50 }),
      (error: Error) => error.message.startsWith(`${lock} is held by process ${process.pid} on ${hostname()}; waited 0 s`) && /delete that file/.test(error.message),
    );
    // Still the other run's lock: giving up does not remove it.
    assert.match(readFileSync(lock, 'utf8'), /"token":"other"/);
  });

  it('takes over a lock whose owner no longer runs', () => {
    heldBy(123456, Date.now());
    assert.equal(withFileLock(lock, () => 'saved', { waitMs: 50, isRunning: () => false }), 'saved');
  });

  it('takes over a lock older than the bound even if its PID runs (a hung owner, or a reused PID)', () => {
    heldBy(process.pid, Date.now() - 60_000);
    assert.equal(withFileLock(lock, () => 'saved', { waitMs: 50, staleAfterMs: 10_000 }), 'saved');
  });

  it('takes over an empty lock once its creator had time to write its PID', () => {
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 5_000);
    utimesSync(lock, old, old);
    assert.equal(withFileLock(lock, () => 'saved', { waitMs: 50 }), 'saved');
  });

  it('removes a stale lock a killed run had moved aside but not yet deleted', () => {
    const abandoned = `${lock}.999999.0b9d3c1e-0000-4000-8000-000000000000.stale`;
    const ongoing = `${lock}.${process.pid}.0b9d3c1e-0000-4000-8000-000000000001.stale`;
    writeFileSync(abandoned, '');
    writeFileSync(ongoing, '');
    withFileLock(lock, () => undefined);
    assert.equal(existsSync(abandoned), false);
    assert.equal(existsSync(ongoing), true, 'a takeover still under way is left alone');
  });

  it('leaves alone a lock another run took over meanwhile', () => {
    withFileLock(lock, () => heldBy(process.pid, Date.now()));
    assert.match(readFileSync(lock, 'utf8'), /"token":"other"/);
  });
});
