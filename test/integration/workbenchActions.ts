// The extension-host side of the harness's host requests (test/harness/lib/hostRequests.mjs):
// what a test can't do from inside the extension host, such as answering a modal dialog,
// it asks the harness to do on the workbench page.
import * as fs from 'fs';
import * as path from 'path';

const PREFIX = '[pd-harness] ';
const REPLY_TIMEOUT_MS = 20_000;

export interface DialogSeen {
  message: string;
  detail: string;
  buttons: string[];
}

/** True when a harness is there to answer (code-server through test/harness/run.mjs, not test:electron). */
export function harnessCanAnswer(): boolean {
  return !!process.env.PD_HARNESS_REPLY_DIR;
}

/**
 * Runs `command`, which shows a modal dialog, and has the harness click the dialog's button
 * labelled `button`. Returns what the dialog said and what the command returned. (The
 * workbench refuses dialogs during extension tests; the harness lets this one through.)
 */
export async function answerDialog<T>(button: string, command: () => Thenable<T>): Promise<{ dialog: DialogSeen; result: T }> {
  await ask({ action: 'showDialogs' });
  const running = command();
  const dialog = await ask<DialogSeen>({ action: 'clickDialogButton', button });
  return { dialog, result: await running };
}

/** The notification toasts on screen, after waiting (up to 15 s) for one that contains `containing`. */
export async function notificationsContaining(containing: string): Promise<string[]> {
  return (await ask<{ messages: string[] }>({ action: 'notifications', containing })).messages;
}

async function ask<T>(request: Record<string, unknown>): Promise<T> {
  const replyDir = process.env.PD_HARNESS_REPLY_DIR;
  if (!replyDir) throw new Error('PD_HARNESS_REPLY_DIR is not set: only test/harness/run.mjs can answer this');
  const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  console.log(`${PREFIX}${JSON.stringify({ id, ...request })}`);
  const replyPath = path.join(replyDir, `${id}.json`);
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  while (!fs.existsSync(replyPath)) {
    if (Date.now() > deadline) throw new Error(`the harness did not answer ${JSON.stringify(request)} within ${REPLY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const reply = JSON.parse(fs.readFileSync(replyPath, 'utf8')) as { ok: boolean; error?: string } & T;
  if (!reply.ok) throw new Error(`the harness could not ${String(request.action)}: ${reply.error}`);
  return reply;
}
