/** undici's per-request abort, handed to a dispatch handler's `onConnect`. */
export type AbortRequest = (reason: Error) => void;

/**
 * One deadline for a whole exchange (redirects, headers and body) that ends it on the caller's
 * cancellation or when `timeoutMs` runs out, and remembers which of the two it was: the user
 * sees "cancelled" for one and a sentence naming the timeout setting for the other.
 *
 * It aborts through the abort function undici gives each request when it is written (`attach`),
 * not through an AbortSignal passed to `undici.request`: undici subscribes to a signal with
 * EventTarget listeners, which cost a fifth of a whole keep-alive exchange (bench/: send path).
 */
export class ExchangeDeadline {
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private ended: 'timeout' | 'cancelled' | undefined;
  private abortCurrent: AbortRequest | undefined;
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

  /**
   * The request now on the wire (each redirect hop is a new one): aborted at once if the
   * deadline already ended while it waited for a connection, else when it ends.
   */
  attach(abort: AbortRequest): void {
    if (this.ended !== undefined) abort(new Error(this.ended));
    else this.abortCurrent = abort;
  }

  /** Why the exchange was stopped, if it was. */
  get reason(): 'timeout' | 'cancelled' | undefined {
    return this.ended;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.abortCurrent = undefined;
  }

  private end(reason: 'timeout' | 'cancelled'): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    // undici ignores the abort of a request that already completed, so a late one is harmless.
    this.abortCurrent?.(new Error(reason));
  }
}
