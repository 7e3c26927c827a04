// Shared by the integration suites: files in the test workspace, the extension's API,
// and small local servers the tests start themselves on 127.0.0.1.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import type { SendResult } from '../../src/core/http/types';
import type { PreconditionDoctorApi } from '../../src/extension';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

export const EXTENSION_ID = 'precondition-doctor.precondition-doctor';

export async function activateExtension(): Promise<PreconditionDoctorApi> {
  const extension = vscode.extensions.getExtension<PreconditionDoctorApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri;
}

/** Writes a file into the test workspace (a temporary copy) and returns its URI. */
export async function writeWorkspaceFile(relativePath: string, content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return uri;
}

export async function openHttpFile(relativePath: string, content: string): Promise<vscode.TextEditor> {
  const uri = await writeWorkspaceFile(relativePath, content);
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

export interface LocalServer {
  url: string;
  port: number;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

export async function startServer(handler: http.RequestListener): Promise<LocalServer> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bind, read the port, close. */
export async function deadPort(): Promise<number> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.port;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A bare POST, for the demo API's control endpoints (reset, simulate another client). */
export function post(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST' }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * Starts the demo API for a suite and resets it before each test (it seeds items 1
 * and 2, so every story starts from them); the getter is valid inside tests.
 */
export function useDemoApi(): () => DemoServer {
  let demo: DemoServer | undefined;
  before(async () => {
    await activateExtension();
    demo = await startDemoServer({ port: 0 });
  });
  after(() => demo?.close());
  beforeEach(() => post(`${demo!.url}/_reset`));
  afterEach(closeAllEditors);
  return () => demo!;
}

/** Sends the request at `line` as the Send Request lens does. */
export async function send(uri: vscode.Uri, line: number): Promise<SendResult> {
  return vscode.commands.executeCommand<SendResult>('preconditionDoctor.sendRequest', uri, line);
}

/** This extension's diagnostics on `uri`. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Precondition Doctor');
}

export async function diagnostic(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return waitFor(() => ours(uri).find((d) => d.code === code), `a ${code} diagnostic`);
}

/** The quick fixes the lightbulb offers for `range`. */
export async function fixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
  return actions.filter((action) => action.kind?.value === 'quickfix');
}

/** Applies a code action as a click does: its edit, then its command. */
export async function apply(action: vscode.CodeAction): Promise<unknown> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}"`);
  if (action.command) return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return undefined;
}
