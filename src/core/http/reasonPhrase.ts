import type { Dispatcher } from 'undici';
import { undici } from './undiciModule';

/** Filled in when the final (non-1xx) status line of one exchange arrives. */
export interface ReasonPhraseSink {
  reasonPhrase?: string;
  /** Told undici's abort for this request when it is written (see ExchangeDeadline.attach). */
  onConnect?: (abort: (reason: Error) => void) => void;
}

/**
 * An interceptor that records the reason phrase of the status line. `undici.request` drops it,
 * but servers put real information there (Azure Storage: "The condition specified using HTTP
 * conditional header(s) is not met."), and undici's parser hands it to `onHeaders`.
 * Compose one per exchange so each sink belongs to exactly one request.
 */
export function captureReasonPhrase(sink: ReasonPhraseSink): Dispatcher.DispatcherComposeInterceptor {
  const Capture = reasonPhraseCapture();
  return (dispatch) => (options, handler) => dispatch(options, new Capture(handler, sink));
}

let captureClass: ReturnType<typeof defineReasonPhraseCapture> | undefined;

/** Defined on first use: it extends a class of undici, which is loaded lazily (undiciModule.ts). */
function reasonPhraseCapture(): ReturnType<typeof defineReasonPhraseCapture> {
  captureClass ??= defineReasonPhraseCapture();
  return captureClass;
}

function defineReasonPhraseCapture() {
  const { DecoratorHandler } = undici();
  // undici's own pass-through handler: it forwards every callback (including arguments its typings
  // omit, such as onConnect's context), so only onConnect and onHeaders need overriding.
  const forwardOnConnect = (DecoratorHandler.prototype as Dispatcher.DispatchHandlers).onConnect;
  const forwardOnHeaders = (DecoratorHandler.prototype as Dispatcher.DispatchHandlers).onHeaders;

  return class ReasonPhraseCapture extends DecoratorHandler {
    constructor(
      handler: Dispatcher.DispatchHandlers,
      private readonly sink: ReasonPhraseSink,
    ) {
      super(handler);
    }

    onConnect(abort: (reason: Error) => void, ...rest: unknown[]): void {
      // Forwarded first: the request handler must hold its abort before ours may call it.
      (forwardOnConnect as ((...args: unknown[]) => void) | undefined)?.call(this, abort, ...rest);
      this.sink.onConnect?.(abort);
    }

    onHeaders(statusCode: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
      if (statusCode >= 200) this.sink.reasonPhrase = statusText;
      return forwardOnHeaders?.call(this, statusCode, headers, resume, statusText) ?? true;
    }
  };
}
