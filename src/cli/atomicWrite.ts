import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isRunning } from './fileLock';

/**
 * Replaces `file` with `text` so that a process killed at any moment leaves the old file or the
 * new one, never part of one: write a temporary file beside it, flush it to disk, rename it over
 * `file` (atomic on one file system), then flush the folder so the rename itself survives a
 * power cut. Without the first flush a crash soon after the rename could leave the new name
 * pointing at data that never reached the disk.
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = temporaryFileOf(file, process.pid);
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
  syncFolder(path.dirname(file));
}

/**
 * Removes the temporary files that runs killed mid-write left beside `file`. Call it holding
 * the lock that guards `file`: no other run is writing one then, and a file whose writer still
 * runs is left alone anyway, in case a run without the lock (an older version) is writing it.
 */
export function removeLeftoverTemporaryFiles(file: string): void {
  const folder = path.dirname(file);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(file))}\\.(\\d+)\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = pattern.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) removeQuietly(path.join(folder, name));
  }
}

function temporaryFileOf(file: string, pid: number): string {
  return `${file}.${pid}.tmp`;
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows can't open a folder for this; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
