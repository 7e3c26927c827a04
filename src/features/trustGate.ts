import * as vscode from 'vscode';
import type { OutgoingRequest } from '../core/http/types';
import { isLoopbackHost } from '../core/http/loopback';

/**
 * In an untrusted workspace a .http file may have been written by anyone: before the
 * first request to a host that is not this machine, ask. Each allowed host is asked once
 * per session; trusted workspaces never ask.
 */
export class TrustGate {
  private readonly allowedHosts = new Set<string>();

  readonly confirmSend = async (request: OutgoingRequest): Promise<boolean> => {
    if (vscode.workspace.isTrusted) return true;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return true; // the client reports the bad URL itself
    }
    const host = url.host;
    if (isLoopbackHost(url.hostname) || this.allowedHosts.has(host)) return true;
    const answer = await vscode.window.showWarningMessage(
      `This workspace is not trusted. Send ${request.method} to ${host}?`,
      { modal: true, detail: 'Requests in an untrusted workspace could come from anyone. Trust the workspace to stop asking.' },
      'Send',
    );
    if (answer !== 'Send') return false;
    this.allowedHosts.add(host);
    return true;
  };
}
