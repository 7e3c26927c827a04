// Requests a test inside the extension host makes of the harness, for what the extension
// host cannot do itself, such as answering a modal dialog (its promise only settles once a
// person clicks). The test prints one line to its console,
//     [pd-harness] {"id":"…","action":"clickDialogButton","button":"Cancel"}
// the page sees it (page.on('console')), the harness acts on the workbench page and writes
// the reply as JSON to <PD_HARNESS_REPLY_DIR>/<id>.json, which the test polls for.
// test/integration/workbenchActions.ts is the extension-host side.
//
// While it runs extension tests the workbench refuses every dialog ("DialogService: refused
// to show dialog in tests"), so showDialogs() patches that check as the page loads: the
// dialog service shows dialogs again while a test has asked for one (action `showDialogs`)
// and until the harness has clicked it; every other dialog is still refused as before.
import fs from 'node:fs';
import path from 'node:path';

export const HOST_REQUEST_PREFIX = '[pd-harness] ';
const WAIT_MS = 15_000;
const WORKBENCH_SCRIPT = /\/vs\/code\/browser\/workbench\/workbench\.js(\?.*)?$/;
/** The dialog service's "are we in tests?" check, in the bundle's minified form. */
const SKIP_DIALOGS_CHECK = /(\w+\(\)\{return )(this\.\w+\.isExtensionDevelopment&&this\.\w+\.extensionTestsLocationURI\?!0:!!this\.\w+\.enableSmokeTestDriver)\}/;
const FLAG = '__pdHarnessShowsDialogs';

/** Routes the workbench script through the patch described above; call before loading the workbench. */
export async function letTestsAskForDialogs(page, warn) {
  await page.route(WORKBENCH_SCRIPT, async (route) => {
    const response = await route.fetch();
    const script = await response.text();
    const patched = script.replace(SKIP_DIALOGS_CHECK, `$1!globalThis.${FLAG}&&($2)}`);
    if (patched === script) warn('the workbench has no dialog check this harness knows: tests cannot answer dialogs');
    await route.fulfill({ response, body: patched });
  });
}

/** Handles `text` if it is a harness request; returns false for any other console line. */
export function handleHostRequest(text, { page, replyDir }) {
  if (!text.startsWith(HOST_REQUEST_PREFIX)) return false;
  let request;
  try {
    request = JSON.parse(text.slice(HOST_REQUEST_PREFIX.length));
  } catch {
    return false;
  }
  if (typeof request.id !== 'string' || !/^[\w-]+$/.test(request.id)) return false;
  void perform(page(), request).then(
    (reply) => writeReply(replyDir, request.id, { ok: true, ...reply }),
    (error) => writeReply(replyDir, request.id, { ok: false, error: String(error?.message ?? error) }),
  );
  return true;
}

async function perform(page, request) {
  if (!page) throw new Error('the workbench page is not open yet');
  switch (request.action) {
    case 'showDialogs':
      await page.evaluate((flag) => void (globalThis[flag] = true), FLAG);
      return {};
    case 'clickDialogButton':
      try {
        return await clickDialogButton(page, request.button);
      } finally {
        await page.evaluate((flag) => void (globalThis[flag] = false), FLAG).catch(() => undefined);
      }
    case 'notifications':
      return notifications(page, request.containing);
    default:
      throw new Error(`unknown harness action ${JSON.stringify(request.action)}`);
  }
}

/** Waits for the modal dialog, reads its text and buttons, clicks the button labelled exactly `button`, waits until it closes. */
async function clickDialogButton(page, button) {
  const dialog = page.locator('.monaco-dialog-box').last();
  await dialog.waitFor({ state: 'visible', timeout: WAIT_MS });
  const message = (await dialog.locator('.dialog-message-text').first().innerText()).trim();
  const detailLocator = dialog.locator('.dialog-message-detail');
  const detail = (await detailLocator.count()) > 0 ? (await detailLocator.first().innerText()).trim() : '';
  const buttonLocators = dialog.locator('.dialog-buttons .monaco-button');
  const buttons = (await buttonLocators.allInnerTexts()).map((label) => label.trim());
  const index = buttons.indexOf(button);
  if (index < 0) throw new Error(`the dialog "${message}" has no button "${button}" (it has ${buttons.join(', ')})`);
  await buttonLocators.nth(index).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
  return { message, detail, buttons, clicked: button };
}

/** The messages of the notification toasts on screen; with `containing`, waits until one holds that text. */
async function notifications(page, containing) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const messages = (await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((m) => m.trim());
    if (!containing || messages.some((m) => m.includes(containing)) || Date.now() > deadline) return { messages };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function writeReply(replyDir, id, reply) {
  const target = path.join(replyDir, `${id}.json`);
  fs.writeFileSync(`${target}.tmp`, JSON.stringify(reply));
  fs.renameSync(`${target}.tmp`, target); // the test never reads half a reply
}
