// The object every test/e2e/*.e2e.mjs module receives: the Playwright page plus a
// few helpers that act the way a person does (keyboard, palette, clicks).
// See test/harness/README.md for the API.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_WAIT_MS = 15_000;

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROW = '.quick-input-widget .quick-input-list .monaco-list-row';

/**
 * @param {{ page: import('playwright-core').Page, baseUrl: string, workspaceDir: string,
 *           resultsDir: string, repoRoot: string, hasRipgrep: boolean,
 *           extensionHostLines: string[], name: string }} options
 */
export function createE2EContext({ page, baseUrl, workspaceDir, resultsDir, repoRoot, hasRipgrep, extensionHostLines, name }) {
  const screenshots = [];

  const t = {
    page,
    baseUrl,
    workspaceDir,
    repoRoot,
    resultsDir,
    /** Screenshot files taken so far, for the summary. */
    screenshots,

    /** Waits for a CSS (or Playwright) selector to be visible; returns its ElementHandle. */
    waitFor(selector, { timeout = DEFAULT_WAIT_MS, state = 'visible' } = {}) {
      return page.waitForSelector(selector, { timeout, state });
    },

    /** Waits for visible text anywhere in the workbench; returns a Locator for it. */
    async waitForText(text, { timeout = DEFAULT_WAIT_MS } = {}) {
      const locator = page.getByText(text).first();
      await locator.waitFor({ state: 'visible', timeout });
      return locator;
    },

    /**
     * Opens a workspace file the way a person does: Ctrl+P, type, Enter. Without
     * ripgrep Quick Open finds no files, so then File > Open File… with the full path.
     * Resolves once its editor is the active one; returns the editor's selector.
     */
    async openFile(relativePath, { timeout = DEFAULT_WAIT_MS } = {}) {
      const absolute = path.join(workspaceDir, relativePath);
      if (!fs.existsSync(absolute)) throw new Error(`openFile: ${relativePath} is not in the workspace ${workspaceDir}`);
      if (hasRipgrep) {
        await openQuickInput('Control+P');
        await page.keyboard.type(relativePath);
        await page.locator(QUICK_INPUT_ROW, { hasText: path.basename(relativePath) }).first().waitFor({ timeout });
        await page.keyboard.press('Enter');
      } else {
        await t.runCommand('File: Open File...', { waitUntilClosed: false });
        const input = page.locator(`${QUICK_INPUT} input`);
        // The dialog fills in the workspace folder once it has listed it; typing
        // before that would be overwritten.
        await page.waitForFunction((selector) => document.querySelector(selector)?.value.startsWith('/'), `${QUICK_INPUT} input`, { timeout });
        await input.fill(absolute);
        await page.waitForTimeout(300); // the simple file dialog validates the path as it changes
        await page.keyboard.press('Enter');
      }
      const editor = `.editor-group-container.active .monaco-editor[data-uri$="${encodeURI(relativePath)}"]`;
      await page.waitForSelector(editor, { timeout });
      await page.waitForSelector(`${editor} .view-lines`, { timeout });
      return editor;
    },

    /**
     * Runs a command from the command palette by its label as the palette shows it,
     * e.g. 'Precondition Doctor: Send Request'. Picks the row whose label is exactly that.
     */
    async runCommand(label, { timeout = DEFAULT_WAIT_MS, waitUntilClosed = true } = {}) {
      // A row's aria-label is its label, then ", <keybinding>" and other notes, if any.
      const quoted = cssString(label);
      const row = page.locator(`${QUICK_INPUT_ROW}:is([aria-label="${quoted}"], [aria-label^="${quoted}, "])`).first();
      const deadline = Date.now() + timeout;
      // The palette lists the commands known when it opens; right after the workbench
      // loads, the extension's contributions may not be in yet. So reopen until it shows.
      for (;;) {
        await openQuickInput('F1');
        await page.keyboard.type(label);
        try {
          await row.waitFor({ timeout: Math.min(2_000, Math.max(1, deadline - Date.now())) });
          break;
        } catch {
          if (Date.now() >= deadline) {
            const shown = await page.locator(QUICK_INPUT_ROW).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
            throw new Error(`runCommand: no palette entry "${label}" (shown: ${JSON.stringify(shown)})`);
          }
        }
      }
      await row.click();
      // Commands that open their own picker keep the quick input open.
      if (waitUntilClosed) await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
    },

    /**
     * Clicks the CodeLens whose text is `title` (exactly) in an editor (default:
     * the active one), waiting for it to appear first.
     */
    async clickCodeLens(title, { editor = '.editor-group-container.active .monaco-editor', timeout = DEFAULT_WAIT_MS } = {}) {
      const lens = page.locator(`${editor} .codelens-decoration a`).filter({ hasText: new RegExp(`^${escapeRegExp(title)}$`) }).first();
      await lens.waitFor({ timeout });
      await lens.click();
    },

    /**
     * Puts the cursor at the end of 1-based `line` of the active editor and opens the quick-fix
     * menu, as with Ctrl+G and Ctrl+. ; resolves once a row titled exactly `title` shows.
     * Ctrl+G rather than a click: a CodeLens refreshing above the line can move it
     * between finding it and clicking it. The menu is asked for again (at most three
     * times) if it opens without that row, as a person would after diagnostics settle.
     */
    async openQuickFixes(line, title, { timeout = DEFAULT_WAIT_MS } = {}) {
      const row = page.locator('.action-widget .monaco-list-row').filter({ has: page.getByText(title, { exact: true }) }).first();
      let shown = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        // Go to Line acts on the active editor and gives it the focus back.
        await openQuickInput('Control+G');
        await page.keyboard.type(String(line));
        await page.keyboard.press('Enter');
        await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
        await page.keyboard.press('End');
        await page.waitForFunction((expected) => /\bLn (\d+)/.exec(document.querySelector('[id="status.editor.selection"]')?.textContent ?? '')?.[1] === expected, String(line), { timeout });
        await page.keyboard.press('Control+Period');
        try {
          await row.waitFor({ timeout: timeout / 3 });
          return row;
        } catch {
          shown = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
          // With no menu, the editor may have said why ("No code actions available").
          if (shown.length === 0) shown = await page.locator('.monaco-editor-overlaymessage').allInnerTexts();
          t.log(`quick-fix menu on line ${line} without "${title}" (it showed ${JSON.stringify(shown)}); asking again`);
        }
      }
      throw new Error(`openQuickFixes: no "${title}" on line ${line}; the editor showed ${JSON.stringify(shown)}`);
    },

    /** Saves `<repo>/test-results/<name>.png` and returns its path. */
    async screenshot(shotName, options = {}) {
      const file = path.join(resultsDir, `${safeName(shotName)}.png`);
      fs.mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: file, ...options });
      screenshots.push(file);
      return file;
    },

    /**
     * The text an editor shows (default: the active one), lines joined with \n.
     * Only rendered lines are included: fine for small fixture files.
     */
    async editorText(editor = '.editor-group-container.active .monaco-editor') {
      const text = await page.locator(`${editor} .view-lines`).first().innerText();
      return text.replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
    },

    /** Everything the extension host has logged in this test so far. */
    extensionHostOutput: () => extensionHostLines.join('\n'),

    log: (...args) => console.log(`  [${name}]`, ...args),
  };

  async function openQuickInput(key) {
    await page.keyboard.press('Escape'); // close any picker a previous step left open
    await page.keyboard.press(key);
    await page.waitForSelector(`${QUICK_INPUT} input`, { state: 'visible', timeout: DEFAULT_WAIT_MS });
  }

  return t;
}

export function safeName(name) {
  return String(name).replace(/[^a-zA-Z0-9._-]+/g, '-');
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(text) {
  return text.replace(/["\\]/g, '\\$&');
}
