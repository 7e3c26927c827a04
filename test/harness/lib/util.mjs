// Small helpers shared by the harness modules: logging, bounded waits, log tails.
import { setTimeout as sleep } from 'node:timers/promises';

export function log(...args) {
  console.log('[harness]', ...args);
}

export class TimeoutError extends Error {}

/** Rejects with a TimeoutError naming `what` if `promise` has not settled in `ms`. */
export async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the last `limit` lines pushed to it, so a hang can show what led up to it. */
export function createTail(limit = 200) {
  const lines = [];
  return {
    push(text) {
      for (const line of String(text).split(/\r?\n/)) {
        if (line === '') continue;
        lines.push(line);
        if (lines.length > limit) lines.shift();
      }
    },
    lines: () => [...lines],
  };
}

export function printTail(title, tail, count = 60) {
  const lines = tail.lines().slice(-count);
  console.log(`----- ${title} (last ${lines.length} lines) -----`);
  for (const line of lines) console.log(line);
  console.log(`----- end of ${title} -----`);
}

export { sleep };
