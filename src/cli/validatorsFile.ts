import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mergeSavedValidators } from '../core/validators/mergeSavedValidators';
import { persistedValidatorsFileText, type PersistedValidators } from '../core/validators/persistedValidators';
import type { ValidatorPersistence } from '../core/validators/validatorStore';
import { removeLeftoverTemporaryFiles, writeFileAtomically } from './atomicWrite';
import { withFileLock } from './fileLock';

export const STORE_FOLDER = '.precondition-doctor';
export const STORE_FILE = 'validators.json';

/** Beside the .http file, so every run over that file (and its `{{$etag}}`) shares one memory. */
export function validatorsFilePath(httpFile: string): string {
  return path.join(path.dirname(httpFile), STORE_FOLDER, STORE_FILE);
}

/**
 * The editor keeps validators in workspaceState; the command line keeps them in a JSON
 * file. Synchronous on purpose: the store loads in its constructor, and a write that
 * finishes before `save` returns can't be cut short by the process exiting.
 *
 * Several runs may share the file (a CI job running .http files side by side). Each loaded it
 * when it started, so a save that simply wrote this run's records would drop whatever the
 * others saved meanwhile. A save therefore takes the lock, reads the file again, merges this
 * run's records into it (mergeSavedValidators) and replaces it atomically.
 */
export class ValidatorsFile implements ValidatorPersistence {
  constructor(readonly file: string) {}

  get lockFile(): string {
    return `${this.file}.lock`;
  }

  load(): unknown {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`${this.file} can't be read: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      // The store turns this into a warning and starts empty; the file is replaced at the end of the run.
      throw new Error(`${this.file} is not valid JSON (${(error as Error).message}); it will be replaced`);
    }
  }

  save(data: PersistedValidators): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    withFileLock(this.lockFile, () => {
      removeLeftoverTemporaryFiles(this.file);
      writeFileAtomically(this.file, persistedValidatorsFileText(mergeSavedValidators(this.savedNow(), data)));
    });
  }

  /** What another run may have saved since this one loaded; nothing to keep when it is unreadable (load warned). */
  private savedNow(): unknown {
    try {
      return this.load();
    } catch {
      return undefined;
    }
  }
}
