import { OnFirstUse } from '../lazy/onFirstUse';
import type { HttpClient, HttpSender, SendOptions } from './client';
import type { OutgoingRequest, SendResult } from './types';

/**
 * An HttpClient made on the first send, so that its code (the extension loads it from a
 * file of its own) is read then and not at activation. Disposing it disposes the client
 * if one was made; a send after that gets the client's "shut down" result.
 */
export class DeferredHttpClient implements HttpSender {
  private readonly client: OnFirstUse<HttpClient>;
  private disposed = false;

  constructor(make: () => HttpClient) {
    this.client = new OnFirstUse(make);
  }

  send(request: OutgoingRequest, options: SendOptions): Promise<SendResult> {
    const client = this.client.get();
    if (this.disposed) void client.dispose();
    return client.send(request, options);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.client.ifMade?.dispose();
  }
}
