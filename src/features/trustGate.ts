import * as vscode from 'vscode';
import type { OutgoingRequest } from '../core/http/types';
import { isLoopbackHost } from '../core/http/loopback';

/**
 * In an untrusted workspace a .http file may have been written by anyone: before the
 * first request to a host that is not this machine, ask. Each allowed host is asked once
 * per session; trusted workspaces never ask. The request path (src/core/send/requestPath.ts)
 * asks this for every request that leaves, probes included.
 */
export class TrustGate {
  private readonly allowedHosts = new Set<string>();
  /** A question already on screen for a host: Refresh All probes several URLs of one host at once, and one modal answers them all. */
  private readonly asking = new Map<string, Promise<boolean>>();

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
    const pending = this.asking.get(host);
    if (pending) return pending;
    const question = this.ask(request.method, host).finally(() => this.asking.delete(host));
    this.asking.set(host, question);
    return question;
  };

  private async ask(method: string, host: string): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(
      `This workspace is not trusted. Send ${method} to ${host}?`,
      { modal: true, detail: 'Requests in an untrusted workspace could come from anyone. Trust the workspace to stop asking.' },
      'Send',
    );
    if (answer !== 'Send') return false;
    this.allowedHosts.add(host);
    return true;
  }
}
