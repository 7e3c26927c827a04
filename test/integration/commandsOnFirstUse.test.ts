// The commands whose code loads on first use (src/lazy/commands.ts) exist from activation on,
// and still exist, now answered by their real code, after the first of them ran.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMANDS_LOADED_ON_FIRST_USE } from '../../src/ids';
import { activateExtension, EXTENSION_ID } from './support';

async function missingCommands(): Promise<string[]> {
  const registered = new Set(await vscode.commands.getCommands(true));
  const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
  return [...new Set([...contributed, ...COMMANDS_LOADED_ON_FIRST_USE])].filter((id) => !registered.has(id));
}

describe('Commands loaded on first use', () => {
  before(() => activateExtension());

  it('every contributed command is registered right after activation', async () => {
    assert.deepStrictEqual(await missingCommands(), []);
  });

  it('the first call runs the real command with its arguments, and every command stays registered', async () => {
    const api = await activateExtension();
    const before = api.validators().length;
    await vscode.commands.executeCommand('preconditionDoctor.forgetValidator', 'http://127.0.0.1:9/never-recorded');
    assert.strictEqual(api.validators().length, before);
    assert.deepStrictEqual(await missingCommands(), []);
  });
});
