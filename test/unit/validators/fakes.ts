import type { ObservedResponse } from '../../../src/core/validators/responseObservation';
import {
  ValidatorStore,
  type SaveTimer,
  type ValidatorPersistence,
  type ValidatorStoreOptions,
} from '../../../src/core/validators/validatorStore';

export const URL_A = 'https://api.example.com/items/1';
export const URL_B = 'https://api.example.com/items/2';

/** A response as the HTTP client reports it; header names lower-cased as SendResult promises. */
export function response(
  method: string,
  status: number,
  headers: Record<string, string> = {},
  url: string = URL_A,
): ObservedResponse {
  return { method, url, status, responseHeaders: headers };
}

/** workspaceState stand-in: JSON round trip, as the real Memento does on disk. */
export class MemoryPersistence implements ValidatorPersistence {
  saves: unknown[] = [];
  constructor(public data: unknown = undefined) {}
  load(): unknown {
    return this.data === undefined ? undefined : JSON.parse(JSON.stringify(this.data));
  }
  save(data: unknown): void {
    this.data = JSON.parse(JSON.stringify(data));
    this.saves.push(this.data);
  }
}

/** Timers that run only when the test says so. */
export class ManualTimer implements SaveTimer {
  private nextHandle = 1;
  readonly pending = new Map<number, { callback: () => void; delayMs: number }>();
  setTimeout(callback: () => void, delayMs: number): unknown {
    const handle = this.nextHandle++;
    this.pending.set(handle, { callback, delayMs });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  runAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.callback();
  }
}

/** A clock that moves one second per reading, so every observation has its own time. */
export function steppingClock(start = Date.parse('2024-05-01T10:00:00.000Z')): () => Date {
  let time = start;
  return () => {
    const reading = new Date(time);
    time += 1000;
    return reading;
  };
}

export function newStore(options: ValidatorStoreOptions = {}): ValidatorStore {
  return new ValidatorStore({ now: steppingClock(), timer: new ManualTimer(), ...options });
}
