import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';

/**
 * A lock file beside the file it guards, for command-line runs that save into one folder at
 * once (CI jobs running .http files side by side). Created with O_EXCL, so exactly one run
 * holds it; it names its owner so a lock left by a killed run can be recognised and taken
 * over, and no run is ever locked out for good. Synchronous, as the save it guards is.
 */

/**
 * A lock held longer than this is taken over. A save holds it for one read, merge and write of
 * the validators file: tens of milliseconds for thousands of records. Longer means the owner
 * hung, or its PID now belongs to another process and so looks alive.
 */
export const STALE_LOCK_MS = 10_000;
/** Longer than STALE_LOCK_MS, so waiting on a lock that will never be released ends in taking it over, not in an error. */
export const LOCK_WAIT_MS = 15_000;
/** An owner writes its PID right after creating the lock; a lock still empty after this was left by a run killed in between. */
const OWNERLESS_LOCK_MS = 1_000;

export interface FileLockOptions {
  staleAfterMs?: number;
  waitMs?: number;
  /** Injected for tests: milliseconds since the epoch. */
  now?: () => number;
  /** Injected for tests: whether a process with this PID runs on this machine. */
  isRunning?: (pid: number) => boolean;
}

interface LockOwner {
  pid: number;
  host: string;
  /** Milliseconds since the epoch. */
  acquiredAt: number;
  /** Tells this holder from a later one that took the lock over. */
  token: string;
}

/** Runs `action` holding `lockFile`; throws, naming the lock file, when it can't be taken within `waitMs`. */
export function withFileLock<T>(lockFile: string, action: () => T, options: FileLockOptions = {}): T {
  const token = acquire(lockFile, options);
  try {
    return action();
  } finally {
    release(lockFile, token);
  }
}

function acquire(lockFile: string, options: FileLockOptions): string {
  const now = options.now ?? Date.now;
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const deadline = now() + waitMs;
  let delayMs = 2;
  for (;;) {
    const token = tryCreate(lockFile, now());
    if (token !== undefined) {
      removeAbandonedAsideFiles(lockFile);
      return token;
    }
    const held = inspect(lockFile);
    if (held === undefined) continue;
    if (isStale(held, now(), options)) {
      takeOver(lockFile, held);
      continue;
    }
    if (now() >= deadline) {
      const owner = held.owner === undefined ? 'a run that did not say which' : `process ${held.owner.pid} on ${held.owner.host}`;
      throw new Error(
        `${lockFile} is held by ${owner}; waited ${Math.round(waitMs / 1000)} s for it. ` +
          'If no precondition-doctor is running, delete that file.',
      );
    }
    // Jittered, so runs waiting on one lock don't retry in step.
    sleep(delayMs + Math.random() * delayMs);
    delayMs = Math.min(delayMs * 2, 50);
  }
}

/** The new lock's token, or `undefined` when the lock exists already. */
function tryCreate(lockFile: string, time: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), acquiredAt: time, token: randomUUID() };
  try {
    writeFileSync(fd, JSON.stringify(owner));
  } catch (error) {
    closeSync(fd);
    unlinkSync(lockFile);
    throw error;
  }
  closeSync(fd);
  return owner.token;
}

interface HeldLock {
  /** The lock file's inode and text when inspected: what a takeover must find again to be sure it removes that same lock. */
  identity: string;
  owner: LockOwner | undefined;
  modifiedAt: number;
}

/** `undefined` when the lock vanished meanwhile (its owner released it): try again at once. */
function inspect(lockFile: string): HeldLock | undefined {
  try {
    const stats = statSync(lockFile);
    const text = readFileSync(lockFile, 'utf8');
    return { identity: `${stats.ino}\n${text}`, owner: ownerOf(text), modifiedAt: stats.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(held: HeldLock, time: number, options: FileLockOptions): boolean {
  const { owner } = held;
  if (owner === undefined) return time - held.modifiedAt > OWNERLESS_LOCK_MS;
  // A PID only means something on the machine that wrote it (a folder may be shared).
  if (owner.host === hostname() && !(options.isRunning ?? isRunning)(owner.pid)) return true;
  return time - owner.acquiredAt > (options.staleAfterMs ?? STALE_LOCK_MS);
}

/**
 * Moves the stale lock aside rather than deleting it: two runs may judge the same lock stale,
 * and the second must not delete the lock the first has created since. Whoever moves a lock
 * aside checks that it is the one it judged, and puts a live one back.
 */
function takeOver(lockFile: string, held: HeldLock): void {
  const aside = `${lockFile}.${process.pid}.${randomUUID()}.stale`;
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = inspect(aside);
  if (moved !== undefined && moved.identity !== held.identity) {
    try {
      // link, not rename: it fails rather than replace a lock created meanwhile.
      linkSync(aside, lockFile);
    } catch {
      // Someone holds the lock now either way; the run we moved aside finishes unguarded.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone is fine.
  }
}

/** A run killed between moving a stale lock aside and deleting it leaves the moved file; the next holder removes it. */
function removeAbandonedAsideFiles(lockFile: string): void {
  const prefix = `${path.basename(lockFile)}.`;
  for (const name of readdirSync(path.dirname(lockFile))) {
    if (!name.startsWith(prefix) || !name.endsWith('.stale')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && !isRunning(pid)) {
      try {
        unlinkSync(path.join(path.dirname(lockFile), name));
      } catch {
        // Removed by another run meanwhile.
      }
    }
  }
}

/** Removes the lock only while it is still ours: a run that took it over as stale owns it now. */
function release(lockFile: string, token: string): void {
  try {
    if (ownerOf(readFileSync(lockFile, 'utf8'))?.token === token) unlinkSync(lockFile);
  } catch {
    // Gone already, or unreadable: nothing of ours to remove.
  }
}

function ownerOf(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.acquiredAt === 'number' && typeof value.token === 'string') {
      return value as LockOwner;
    }
  } catch {
    // Empty or half written: its owner was killed before finishing the write.
  }
  return undefined;
}

/** Whether `pid` runs on this machine. EPERM: it runs, as another user. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Blocks without spinning: the save this lock guards is synchronous. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
