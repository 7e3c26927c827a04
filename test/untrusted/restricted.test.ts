// In an untrusted workspace the extension still parses, lints and shows validators, but
// reads no .env or private env file and resolves no $processEnv/$dotenv.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'precondition-doctor.precondition-doctor';

async function openRequests(): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'requests.http');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

async function diagnosticsOf(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Precondition Doctor');
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('untrusted workspace', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.commands.executeCommand('preconditionDoctor.selectEnvironment', 'local');
  });

  it('is really untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('still parses: one Send Request lens', async () => {
    const document = await openRequests();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.deepStrictEqual(lenses.map((lens) => lens.command?.title), ['Send Request']);
  });

  it('lints, reads the shared env file, but not the private file or .env', async () => {
    const document = await openRequests();
    const diagnostics = await diagnosticsOf(document.uri, 3);
    const seen = diagnostics.map((d) => [d.code, document.getText(d.range)]).sort();
    assert.deepStrictEqual(seen, [
      ['unresolved-variable', '{{$dotenv DOTENV_SECRET}}'],
      ['unresolved-variable', '{{secret}}'],
      ['weak-etag-in-if-match', 'W/"weak"'],
    ]);
  });

  it('refuses to send a request whose secrets it may not read, sending nothing', async () => {
    const document = await openRequests();
    const result = await vscode.commands.executeCommand<{ status: number; error?: string }>('preconditionDoctor.sendRequest', document.uri, 1);
    assert.strictEqual(result.status, 0);
    assert.match(result.error ?? '', /variable 'secret' is not defined.*not read in an untrusted workspace/);
    assert.match(result.error ?? '', /\{\{\$dotenv DOTENV_SECRET\}\} is not resolved in an untrusted workspace/);
    assert.strictEqual(document.isDirty, false);
  });

  it('still shows validators', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { validators(): unknown[] };
    assert.ok(Array.isArray(api.validators()));
  });
});
