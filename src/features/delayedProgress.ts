import { withCancellableProgress } from './cancellableProgress';

/** How long a request runs before it also gets a notification with a Cancel button. */
export const PROGRESS_NOTIFICATION_DELAY_MS = 1000;

/**
 * Runs `task` at once and shows a cancellable progress notification only if it is still
 * running after `delayMs`. VS Code keeps a progress notification up for at least 800 ms, so
 * one per send would flash a toast for every 10 ms local request; the status bar already shows
 * a running request, and cancels it on click. Cancelling the notification aborts `controller`.
 */
export function withDelayedProgress<T>(
  title: string,
  controller: AbortController,
  task: (signal: AbortSignal) => Promise<T>,
  delayMs = PROGRESS_NOTIFICATION_DELAY_MS,
): Promise<T> {
  const running = task(controller.signal);
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  const timer = setTimeout(() => {
    void withCancellableProgress(title, () => settled, controller);
  }, delayMs);
  void settled.then(() => clearTimeout(timer));
  return running;
}
