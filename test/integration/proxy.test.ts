// VS Code's http.proxy setting routes requests through a real forwarding proxy.
import * as assert from 'assert';
import { execFile, execFileSync } from 'child_process';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { promisify } from 'util';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import { activateExtension, closeAllEditors, openHttpFile, startServer, type LocalServer } from './support';

describe('Proxy: http.proxy and http.noProxy', () => {
  let origin: LocalServer;
  let proxy: http.Server;
  let proxyPort = 0;
  /** What the proxy was asked to carry. */
  const tunnels: string[] = [];

  before(async () => {
    await activateExtension();
    origin = await startServer((_request, response) => {
      response.writeHead(200, { ETag: '"through-proxy"', 'Content-Type': 'text/plain' });
      response.end('ok');
    });
    // The `proxy` package is an ES module; the compiled tests are CommonJS, so import it natively.
    const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
    const { createProxy } = (await importModule('proxy')) as { createProxy: (server: http.Server) => http.Server };
    proxy = createProxy(http.createServer());
    // http:// targets arrive in absolute form, https:// ones as CONNECT tunnels.
    proxy.on('request', (request: http.IncomingMessage) => tunnels.push(String(request.url)));
    proxy.on('connect', (request: http.IncomingMessage) => tunnels.push(String(request.url)));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyPort = (proxy.address() as AddressInfo).port;
  });

  after(async () => {
    const http = vscode.workspace.getConfiguration('http');
    await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http.update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    proxy.closeAllConnections?.();
    proxy.close();
    await origin.close();
    await closeAllEditors();
  });

  it('sends through the proxy named by http.proxy', async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', `http://127.0.0.1:${proxyPort}`, vscode.ConfigurationTarget.Global);
    const editor = await openHttpFile('proxied.http', `GET ${origin.url}/via-proxy\n`);
    const before = tunnels.length;
    const result = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', editor.document.uri, 0);
    assert.strictEqual(result.status, 200, result.error);
    assert.strictEqual(result.responseHeaders['etag'], '"through-proxy"');
    assert.ok(tunnels.length > before, 'the proxy carried the request');
    assert.strictEqual(tunnels[tunnels.length - 1], `${origin.url}/via-proxy`);
  });

  it('copies as cURL with the proxy, and that command line reaches the server through it', async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', `http://127.0.0.1:${proxyPort}`, vscode.ConfigurationTarget.Global);
    const editor = await openHttpFile('proxied-curl.http', `GET ${origin.url}/curl-via-proxy\n`);
    const command = await vscode.commands.executeCommand<string>('preconditionDoctor.copyAsCurl', editor.document.uri, 0);
    assert.strictEqual(command, `curl --proxy 'http://127.0.0.1:${proxyPort}' '${origin.url}/curl-via-proxy'`);
    // Where curl is installed, run the copy as a person would paste it.
    if (!curlInstalled()) return;
    const before = tunnels.length;
    // Asynchronously: the proxy and the server answer from this very process.
    const { stdout: output } = await promisify(execFile)('/bin/sh', ['-c', `${command} --silent --show-error`], { env: { PATH: process.env.PATH ?? '' }, timeout: 10_000 });
    assert.strictEqual(output, 'ok');
    assert.strictEqual(tunnels[before], `${origin.url}/curl-via-proxy`);
  });

  it('goes direct for a host listed in http.noProxy', async () => {
    const config = vscode.workspace.getConfiguration('http');
    await config.update('proxy', `http://127.0.0.1:${proxyPort}`, vscode.ConfigurationTarget.Global);
    await config.update('noProxy', ['127.0.0.1'], vscode.ConfigurationTarget.Global);
    const editor = await openHttpFile('direct.http', `GET ${origin.url}/direct\n`);
    const before = tunnels.length;
    const result = await vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', editor.document.uri, 0);
    assert.strictEqual(result.status, 200, result.error);
    assert.strictEqual(tunnels.length, before, 'the proxy saw nothing');
  });
});

function curlInstalled(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
