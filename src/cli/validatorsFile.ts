import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { persistedValidatorsFileText, type PersistedValidators } from '../core/validators/persistedValidators';
import type { ValidatorPersistence } from '../core/validators/validatorStore';

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
 */
export class ValidatorsFile implements ValidatorPersistence {
  constructor(readonly file: string) {}

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
    // Write then rename, so a run killed mid-write leaves the previous file, not half of one.
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, persistedValidatorsFileText(data));
    renameSync(temporary, this.file);
  }
}
