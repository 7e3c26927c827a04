import { DecoratorHandler, type Dispatcher } from 'undici';

/** Filled in when the final (non-1xx) status line of one exchange arrives. */
export interface ReasonPhraseSink {
  reasonPhrase?: string;
}

/**
 * An interceptor that records the reason phrase of the status line. `undici.request` drops it,
 * but servers put real information there (Azure Storage: "The condition specified using HTTP
 * conditional header(s) is not met."), and undici's parser hands it to `onHeaders`.
 * Compose one per exchange so each sink belongs to exactly one request.
 */
export function captureReasonPhrase(sink: ReasonPhraseSink): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) => dispatch(options, new ReasonPhraseCapture(handler, sink));
}

// undici's own pass-through handler: it forwards every callback (including arguments its typings
// omit, such as onConnect's context), so only onHeaders needs overriding.
const forwardOnHeaders = (DecoratorHandler.prototype as Dispatcher.DispatchHandlers).onHeaders;

class ReasonPhraseCapture extends DecoratorHandler {
  constructor(
    handler: Dispatcher.DispatchHandlers,
    private readonly sink: ReasonPhraseSink,
  ) {
    super(handler);
  }

  onHeaders(statusCode: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
    if (statusCode >= 200) this.sink.reasonPhrase = statusText;
    return forwardOnHeaders?.call(this, statusCode, headers, resume, statusText) ?? true;
  }
}
