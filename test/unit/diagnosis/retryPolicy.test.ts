import { strict as assert } from 'node:assert';
import type { SendResult } from '../../../src/core/http/types';
import { backoffDelays, DEFAULT_RETRY_POLICY, isIdempotentMethod, refreshAndRetry, retryAfterMs, type RetryPolicy } from '../../../src/core/diagnosis/retryPolicy';
import { headProbe, result } from './fixtures';

/** A sleep that only records: the tests run the whole backoff without waiting. */
class FakeClock {
  readonly sleeps: number[] = [];
  elapsedMs = 0;
  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw new Error('aborted');
    this.sleeps.push(ms);
    this.elapsedMs += ms;
  };
}

function put(status: number, ifMatch: string | undefined, headers: Record<string, string> = {}): SendResult {
  return result({ method: 'PUT', status, requestHeaders: ifMatch === undefined ? {} : { 'if-match': ifMatch }, responseHeaders: headers });
}

/** A server whose tag changes `busyFor` times under us before our write lands. */
function busyServer(busyFor: number, headers: Record<string, string> = {}) {
  let version = 1;
  const probes: string[] = [];
  return {
    probes,
    probe: async () => {
      const etag = `"v${version}"`;
      probes.push(etag);
      return headProbe({ etag });
    },
    rewriteAndSend: async (freshEtag: string | undefined) => {
      if (busyFor > 0) {
        busyFor -= 1;
        version += 1; // another writer got in between our probe and our PUT
        return put(412, freshEtag, headers);
      }
      return put(204, freshEtag);
    },
  };
}

const POLICY: RetryPolicy = { baseMs: 250, factor: 2, maxAttempts: 4, maxDelayMs: 10_000 };

describe('backoffDelays', () => {
  it('grows exponentially: one delay per retry, none before the first attempt', () => {
    assert.deepEqual(backoffDelays({ baseMs: 250, factor: 2, maxAttempts: 4, maxDelayMs: 10_000 }), [250, 500, 1000]);
    assert.deepEqual(backoffDelays({ ...DEFAULT_RETRY_POLICY }), [250, 500]);
  });

  it('caps every delay at maxDelayMs', () => {
    assert.deepEqual(backoffDelays({ baseMs: 1000, factor: 3, maxAttempts: 6, maxDelayMs: 5000 }), [1000, 3000, 5000, 5000, 5000]);
  });

  it('jitters each delay into [d/2, d]', () => {
    assert.deepEqual(backoffDelays({ ...POLICY, jitter: () => 0 }), [125, 250, 500]);
    assert.deepEqual(backoffDelays({ ...POLICY, jitter: () => 0.5 }), [188, 375, 750]);
    assert.deepEqual(backoffDelays({ ...POLICY, jitter: () => 0.999999 }), [250, 500, 1000]);
    assert.deepEqual(backoffDelays({ ...POLICY, jitter: () => 7 }), [250, 500, 1000], 'a misbehaving jitter is clamped');
  });

  it('gives nothing for one attempt or fewer', () => {
    assert.deepEqual(backoffDelays({ ...POLICY, maxAttempts: 1 }), []);
    assert.deepEqual(backoffDelays({ ...POLICY, maxAttempts: 0 }), []);
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2024-05-01T10:00:00.000Z');
  it('reads delay-seconds and HTTP-dates, ignores garbage', () => {
    assert.equal(retryAfterMs(put(412, undefined, { 'retry-after': '3' }), now), 3000);
    assert.equal(retryAfterMs(put(412, undefined, { 'retry-after': 'Wed, 01 May 2024 10:00:07 GMT' }), now), 7000);
    assert.equal(retryAfterMs(put(412, undefined, { 'retry-after': 'soon' }), now), undefined);
    assert.equal(retryAfterMs(put(412, undefined), now), undefined);
  });
});

describe('refreshAndRetry', () => {
  it('stops at the first 2xx, sending the fresh tag each time', async () => {
    const clock = new FakeClock();
    const server = busyServer(2);
    const outcome = await refreshAndRetry({ ...server, sleep: clock.sleep }, POLICY);
    assert.equal(outcome.outcome, 'succeeded');
    assert.equal(outcome.final.status, 204);
    assert.deepEqual(outcome.attempts, [
      { attempt: 1, status: 412, etagSent: '"v1"', delayMs: 0 },
      { attempt: 2, status: 412, etagSent: '"v2"', delayMs: 250 },
      { attempt: 3, status: 204, etagSent: '"v3"', delayMs: 500 },
    ]);
    assert.deepEqual(clock.sleeps, [250, 500]);
  });

  it('succeeds at once without sleeping when the fresh tag works', async () => {
    const clock = new FakeClock();
    const outcome = await refreshAndRetry({ ...busyServer(0), sleep: clock.sleep }, POLICY);
    assert.equal(outcome.outcome, 'succeeded');
    assert.equal(outcome.attempts.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('stops after maxAttempts sends when every one gets 412', async () => {
    const clock = new FakeClock();
    const outcome = await refreshAndRetry({ ...busyServer(99), sleep: clock.sleep }, POLICY);
    assert.equal(outcome.outcome, 'exhausted');
    assert.equal(outcome.attempts.length, 4);
    assert.equal(outcome.final.status, 412);
    assert.equal(clock.elapsedMs, 250 + 500 + 1000);
  });

  it('stops on another status without retrying', async () => {
    const clock = new FakeClock();
    const outcome = await refreshAndRetry({ probe: async () => headProbe({ etag: '"v1"' }), rewriteAndSend: async (tag) => put(409, tag), sleep: clock.sleep }, POLICY);
    assert.equal(outcome.outcome, 'failed');
    assert.equal(outcome.attempts.length, 1);
  });

  it('passes undefined when the probe finds no tag', async () => {
    const seen: Array<string | undefined> = [];
    await refreshAndRetry({ probe: async () => headProbe({}, 404), rewriteAndSend: async (tag) => (seen.push(tag), put(204, tag)), sleep: new FakeClock().sleep }, POLICY);
    assert.deepEqual(seen, [undefined]);
  });

  it('honours Retry-After when longer than the backoff, bounded by maxRetryAfterMs', async () => {
    const clock = new FakeClock();
    await refreshAndRetry({ ...busyServer(2, { 'retry-after': '2' }), sleep: clock.sleep }, POLICY);
    assert.deepEqual(clock.sleeps, [2000, 2000]);
    const bounded = new FakeClock();
    await refreshAndRetry({ ...busyServer(2, { 'retry-after': '3600' }), sleep: bounded.sleep }, { ...POLICY, maxRetryAfterMs: 5000 });
    assert.deepEqual(bounded.sleeps, [5000, 5000]);
  });

  it('is cancelled during a wait: no further probe or send', async () => {
    const controller = new AbortController();
    const server = busyServer(99);
    const sleep = async (_ms: number, signal?: AbortSignal) => {
      controller.abort();
      if (signal?.aborted) throw new Error('aborted');
    };
    const outcome = await refreshAndRetry({ ...server, sleep, signal: controller.signal }, POLICY);
    assert.equal(outcome.outcome, 'cancelled');
    assert.equal(outcome.attempts.length, 1);
    assert.deepEqual(server.probes, ['"v1"']);
    assert.equal(outcome.final.status, 412, 'the last real answer');
  });

  it('does nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const server = busyServer(0);
    const outcome = await refreshAndRetry({ ...server, sleep: new FakeClock().sleep, signal: controller.signal }, POLICY);
    assert.equal(outcome.outcome, 'cancelled');
    assert.equal(outcome.final.error, 'cancelled');
    assert.deepEqual(server.probes, []);
  });

  it('stops when the probe itself was cancelled', async () => {
    const cancelled = result({ method: 'HEAD', status: 0, statusText: '', error: 'cancelled' });
    let sends = 0;
    const outcome = await refreshAndRetry({ probe: async () => cancelled, rewriteAndSend: async () => (sends++, put(204, undefined)), sleep: new FakeClock().sleep }, POLICY);
    assert.equal(outcome.outcome, 'cancelled');
    assert.equal(sends, 0);
  });
});

describe('isIdempotentMethod', () => {
  it('PUT and DELETE may be retried; POST and PATCH need the user', () => {
    assert.deepEqual(['PUT', 'delete', 'GET', 'POST', 'PATCH'].map(isIdempotentMethod), [true, true, true, false, false]);
  });
});
