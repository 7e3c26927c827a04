// Smoke suite against the extension installed from the .vsix, not the development copy.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';

const EXTENSION_ID = 'precondition-doctor.precondition-doctor';

describe('installed from the .vsix', () => {
  it('is the installed copy, and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.match(extension.extensionPath.replace(/\\/g, '/'), /\/extensions\/precondition-doctor\.precondition-doctor-/);
    const api = (await extension.activate()) as { validators(): unknown[] };
    assert.strictEqual(typeof api.validators, 'function');
  });

  it('sends a request from a .http file and records its ETag', async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { ETag: '"installed-1"', 'Content-Type': 'text/plain' });
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const folder = vscode.workspace.workspaceFolders![0].uri;
      const uri = vscode.Uri.joinPath(folder, 'installed.http');
      await vscode.workspace.fs.writeFile(uri, Buffer.from(`GET http://127.0.0.1:${port}/thing\n`));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.deepStrictEqual(lenses.map((lens) => lens.command?.title), ['Send Request']);
      const result = await vscode.commands.executeCommand<{ status: number; responseHeaders: Record<string, string> }>('preconditionDoctor.sendRequest', uri, 0);
      assert.strictEqual(result.status, 200);
      const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { validators(): Array<{ url: string; etag?: string }> };
      assert.strictEqual(api.validators().find((r) => r.url === `http://127.0.0.1:${port}/thing`)?.etag, '"installed-1"');
    } finally {
      server.close();
    }
  });

  it('ships every file the bundle loads on first use', async () => {
    const dist = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist');
    const shipped = (await vscode.workspace.fs.readDirectory(dist)).map(([name]) => name);
    // Follows require("./x.js") from dist/extension.js and the dist/main.js it loads through every file they reach.
    const reached = new Set(['extension.js', 'main.js']);
    const missing: string[] = [];
    for (const file of reached) {
      if (!shipped.includes(file)) {
        missing.push(file);
        continue;
      }
      const code = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, file))).toString('utf8');
      for (const match of code.matchAll(/require\("\.\/([\w.-]+)"\)/g)) reached.add(match[1]);
    }
    assert.deepStrictEqual(missing, []);
    assert.ok(reached.has('undici.js') && reached.has('commands.js'), `expected undici.js among the files loaded on first use, found ${[...reached].join(', ')}`);
  });

  it('ships the walkthrough and the examples', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok((extension.packageJSON.contributes.walkthroughs as unknown[]).length > 0);
    const examples = vscode.Uri.joinPath(extension.extensionUri, 'examples');
    const names = (await vscode.workspace.fs.readDirectory(examples)).map(([name]) => name);
    assert.ok(names.includes('http-client.env.json'));
  });
});

describe('the installed README and manifest, as the Extensions page shows them', () => {
  it('embeds every screenshot (no repository serves them) and lists accurate categories', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // vsce stores it as readme.md, whatever --readme-path named it.
    const name = (await vscode.workspace.fs.readDirectory(extension.extensionUri)).map(([n]) => n).find((n) => /^readme\.md$/i.test(n));
    assert.ok(name, 'a README ships');
    const readme = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, name))).toString('utf8');
    const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]{0,40})/g)];
    assert.ok(images.length >= 4, `screenshots in the README: ${images.length}`);
    for (const [, alt, src] of images) assert.match(src, /^data:image\/png;base64,/, `image "${alt}"`);
    assert.doesNotMatch(readme, /\(screenshot: /);
    assert.deepStrictEqual(extension.packageJSON.categories, ['Testing', 'Programming Languages', 'Other']);
    // Each walkthrough image ships with the extension.
    for (const step of extension.packageJSON.contributes.walkthroughs[0].steps as Array<{ media: { image: string } }>) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, step.media.image));
    }
  });
});
