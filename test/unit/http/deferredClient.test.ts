import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../../../src/core/http/client';
import { DeferredHttpClient } from '../../../src/core/http/deferredClient';

describe('DeferredHttpClient', () => {
  let server: http.Server;
  let url: string;
  const options = { timeoutMs: 5000, maxResponseBodyBytes: 1024, followRedirects: false };

  before(async () => {
    server = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => server.close());

  it('makes no client until the first send, then sends through one client', async () => {
    const made: HttpClient[] = [];
    const deferred = new DeferredHttpClient(() => {
      made.push(new HttpClient());
      return made[made.length - 1];
    });
    assert.equal(made.length, 0);
    assert.equal((await deferred.send({ method: 'GET', url, headers: [] }, options)).status, 200);
    assert.equal((await deferred.send({ method: 'GET', url, headers: [] }, options)).status, 200);
    assert.equal(made.length, 1);
    await deferred.dispose();
  });

  it('disposing before any send makes nothing, and a later send says the client is shut down', async () => {
    let made = 0;
    const deferred = new DeferredHttpClient(() => {
      made++;
      return new HttpClient();
    });
    await deferred.dispose();
    assert.equal(made, 0);
    const result = await deferred.send({ method: 'GET', url, headers: [] }, options);
    assert.equal(result.status, 0);
    assert.match(result.error ?? '', /shut down/);
  });
});
