/** An exchange in flight, which the deadline ends when the user cancels or the time runs out. */
export interface StoppableExchange {
  stop(reason: Error): void;
}

/**
 * One deadline for a whole exchange (redirects, headers and body) that ends it on the caller's
 * cancellation or when `timeoutMs` runs out, and remembers which of the two it was: the user
 * sees "cancelled" for one and a sentence naming the timeout setting for the other.
 *
 * It stops the exchange itself (`attach`) rather than passing an AbortSignal to undici:
 * undici subscribes to a signal with EventTarget listeners, which cost a fifth of a whole
 * keep-alive exchange (bench/: send path).
 */
export class ExchangeDeadline {
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private ended: 'timeout' | 'cancelled' | undefined;
  private current: StoppableExchange | undefined;
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
   * The exchange now under way (each redirect hop is a new one): stopped at once if the
   * deadline already ended, else when it ends.
   */
  attach(exchange: StoppableExchange): void {
    if (this.ended !== undefined) exchange.stop(new Error(this.ended));
    else this.current = exchange;
  }

  /** Why the exchange was stopped, if it was. */
  get reason(): 'timeout' | 'cancelled' | undefined {
    return this.ended;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.current = undefined;
  }

  private end(reason: 'timeout' | 'cancelled'): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    // Stopping an exchange that already completed changes nothing, so a late end is harmless.
    this.current?.stop(new Error(reason));
  }
}
