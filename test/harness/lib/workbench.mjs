// Drives the VS Code web workbench that code-server serves, through playwright-core.
import { createRequire } from 'node:module';
import { interpretConsoleArgs } from './browserConsole.mjs';
import { createTail, withTimeout } from './util.mjs';

export const WORKBENCH_LOAD_TIMEOUT_MS = 90_000;

const BROWSER_ARGS = [
  '--no-sandbox', // we run as root in CI containers
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches Chromium with playwright-core taken from the harness install. */
export async function launchBrowser({ harness, chromium }) {
  const require = createRequire(`${harness.nodeModules}/`);
  const { chromium: playwrightChromium } = require('playwright-core');
  return playwrightChromium.launch({
    executablePath: chromium.executablePath,
    args: BROWSER_ARGS,
    env: { ...process.env, ...chromium.env },
    headless: true,
    timeout: 60_000,
  });
}

/** A fresh browser profile for one workbench; the clipboard is allowed so vscode.env.clipboard works. */
export function newWorkbenchContext(browser) {
  return browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
}

/**
 * The workbench URL with development options as `payload`. The paths must use the
 * vscode-remote scheme: with file:// the workbench never runs the tests.
 */
export function workbenchUrl({ server, folder, extensionDevelopmentPath, extensionTestsPath, openFile }) {
  const remote = (absolutePath) => `vscode-remote://${server.authority}${absolutePath}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  // The workbench opens this file once the folder is open (the same key `code --goto` uses).
  if (openFile) payload.push(['openFile', remote(openFile)]);
  return `${server.baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Opens a page that records the browser console (and page errors) into a tail,
 * and hands each extension-host line to `onExtensionHostLine(text, severity)`.
 * `flush()` waits until every console message seen so far has been handled.
 */
export async function openPage(context, { onExtensionHostLine } = {}) {
  const page = await context.newPage();
  const consoleTail = createTail(300);
  let queue = Promise.resolve(); // keeps lines in order while their arguments are fetched
  page.on('console', (message) => {
    queue = queue.then(async () => {
      const line = interpretConsoleArgs(await argumentValues(message), message.type());
      if (!line) return;
      consoleTail.push(`[${line.severity}] ${line.text}`);
      if (line.fromExtensionHost) onExtensionHostLine?.(line.text, line.severity);
    });
  });
  page.on('pageerror', (error) => consoleTail.push(`[pageerror] ${error.stack ?? error}`));
  page.on('crash', () => consoleTail.push('[page crashed]'));
  return { page, consoleTail, flush: () => queue };
}

async function argumentValues(message) {
  // Messages from the browser itself ("Failed to load resource") have no arguments.
  if (message.args().length === 0) {
    const { url } = message.location();
    return [url ? `${message.text()} (${url})` : message.text()];
  }
  try {
    // Errors serialize to {}: take their stack instead.
    return await Promise.all(message.args().map((handle) => handle.evaluate((value) => (value instanceof Error ? value.stack ?? String(value) : value))));
  } catch {
    return [message.text()]; // the page navigated away, or a value can't be serialized
  }
}

/** Navigates and waits until the workbench has rendered, bounded by WORKBENCH_LOAD_TIMEOUT_MS. */
export async function loadWorkbench(page, url) {
  await withTimeout(
    (async () => {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: WORKBENCH_LOAD_TIMEOUT_MS });
      await page.waitForSelector('.monaco-workbench', { timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    })(),
    WORKBENCH_LOAD_TIMEOUT_MS,
    'workbench load',
  );
}
