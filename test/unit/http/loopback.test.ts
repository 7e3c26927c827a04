import { strict as assert } from 'node:assert';
import { isLoopbackHost } from '../../../src/core/http/loopback';

describe('loopback hosts (no trust prompt)', () => {
  it('accepts localhost, 127.0.0.0/8 and ::1', () => {
    for (const host of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) assert.equal(isLoopbackHost(host), true, host);
  });

  it('refuses everything else', () => {
    for (const host of ['example.com', '10.0.0.1', '192.168.1.1', '127.0.0.1.nip.io', 'localhost.example.com', '::2', 'gate-check.invalid']) assert.equal(isLoopbackHost(host), false, host);
  });
});
