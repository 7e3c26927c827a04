import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openHttpFile } from './support';

describe('CodeLens: Send Request above every request', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('shows one Send Request lens per request, on its request line', async () => {
    const editor = await openHttpFile(
      'lenses.http',
      ['@base = http://127.0.0.1:9', '', '### first', 'GET {{base}}/a', '', '###', '# @name second', 'PUT {{base}}/b', 'If-Match: "x"', '', '{}', ''].join('\n'),
    );
    assert.strictEqual(editor.document.languageId, 'http');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const ours = lenses.filter((lens) => lens.command?.command.startsWith('preconditionDoctor.'));
    assert.deepStrictEqual(
      ours.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [3, 'Send Request'],
        [7, 'Send Request'],
      ],
    );
    assert.deepStrictEqual(ours[1].command?.arguments?.[1], 7);
  });

  it('says on the lens why a request cannot be sent', async () => {
    const editor = await openHttpFile('broken-lens.http', 'GET\n\n###\nGET http://127.0.0.1:9/ok\n');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.strictEqual(titles.length, 2);
    assert.match(titles[0], /Can't send: request line has no URL/);
    assert.strictEqual(titles[1], 'Send Request');
  });

  it('follows edits: a new request gets a lens', async () => {
    const editor = await openHttpFile('edit-lens.http', 'GET http://127.0.0.1:9/one\n');
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), '\n###\nDELETE http://127.0.0.1:9/two\n'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepStrictEqual(lenses.map((lens) => lens.range.start.line), [0, 3]);
  });
});
