import * as vscode from 'vscode';

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

/**
 * A progress notification whose Cancel aborts `controller`. The cancellation listener is
 * disposed when the task settles: a token outlives the task, and so would the listener.
 */
export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, progress: Progress) => Promise<T>,
  controller = new AbortController(),
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const cancellation = token.onCancellationRequested(() => controller.abort());
    try {
      return await task(controller.signal, progress);
    } finally {
      cancellation.dispose();
    }
  });
}
