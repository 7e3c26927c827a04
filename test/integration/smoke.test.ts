// The extension host loads our extension and exposes its commands.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'precondition-doctor.precondition-doctor';

describe('smoke: the extension loads', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers preconditionDoctor.sendRequest', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('preconditionDoctor.sendRequest'), 'preconditionDoctor.sendRequest is not registered');
  });
});
