import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Commands } from '../../../src/ids';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
interface Manifest {
  contributes: { commands: Array<{ command: string; title: string }>; menus: Record<string, MenuEntry[]> };
}

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8')) as Manifest;
const menu = (id: string) => manifest.contributes.menus[id];
const title = (command: string) => manifest.contributes.commands.find((c) => c.command === command)?.title;

/** What a right-click shows: the titles, in group order, for a context where `matches(when)`. */
function visibleTitles(id: string, matches: (when: string) => boolean): string[] {
  return menu(id)
    .filter((entry) => !entry.group?.startsWith('inline') && matches(entry.when ?? ''))
    .sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '', 'en', { numeric: true }))
    .map((entry) => title(entry.command) ?? entry.command);
}

describe('context menus (package.json)', () => {
  it('the .http editor offers Send, cURL, Explain, Refresh & Retry, Compare and Export Trace, only in http editors', () => {
    assert.deepEqual(visibleTitles('editor/context', (when) => when === 'editorLangId == http'), [
      'Send Request',
      'Copy Request as cURL',
      'Explain this 412',
      'Refresh & Retry',
      'Compare with Server',
      'Export Redacted Trace',
    ]);
    for (const entry of menu('editor/context')) assert.equal(entry.when, 'editorLangId == http', entry.command);
  });

  it('a resource in the Validators view offers Compare with Server and Explain this 412 beside Copy, Refresh and Forget', () => {
    const onResource = (when: string) => when.includes('view == preconditionDoctor.validators') && /viewItem =~ \/\^resource\//.test(when);
    assert.deepEqual(visibleTitles('view/item/context', onResource), [
      'Refresh Validator',
      'Forget Validator',
      'Compare with Server',
      'Explain this 412',
    ]);
    const items = menu('view/item/context').map((entry) => entry.command);
    assert.ok(items.includes(Commands.compareValidatorWithServer) && items.includes(Commands.explainValidator));
  });

  it('hides the tree-item forms from the command palette (they need a row)', () => {
    const hidden = menu('commandPalette').filter((entry) => entry.when === 'false').map((entry) => entry.command);
    assert.ok(hidden.includes(Commands.compareValidatorWithServer) && hidden.includes(Commands.explainValidator));
  });

  it('every command a menu names is contributed', () => {
    for (const entries of Object.values(manifest.contributes.menus)) for (const entry of entries) assert.ok(title(entry.command), entry.command);
  });
});
