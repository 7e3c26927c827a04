// VS Code's http.proxy setting routes requests through a real forwarding proxy.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
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
