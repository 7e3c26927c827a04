/**
 * One AbortSignal for a whole exchange (redirects, headers and body) that fires on the caller's
 * cancellation or when `timeoutMs` runs out, and remembers which of the two it was: the user
 * sees "cancelled" for one and a sentence naming the timeout setting for the other.
 */
export class ExchangeDeadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private ended: 'timeout' | 'cancelled' | undefined;
  private readonly onCallerAbort = (): void => this.end('cancelled');

  /** `timeoutMs` of 0, a negative number or a non-number means no time limit. */
  constructor(
    timeoutMs: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    if (callerSignal?.aborted) {
      this.end('cancelled');
    } else {
      callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    if (Number.isFinite(timeoutMs) && timeoutMs > 0 && this.ended === undefined) {
      this.timer = setTimeout(() => this.end('timeout'), timeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the exchange was stopped, if it was. */
  get reason(): 'timeout' | 'cancelled' | undefined {
    return this.ended;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private end(reason: 'timeout' | 'cancelled'): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    this.controller.abort(new Error(reason));
  }
}
