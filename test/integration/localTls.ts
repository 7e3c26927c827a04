// An HTTPS server on 127.0.0.1 whose certificate nobody vouches for: what
// preconditionDoctor.rejectUnauthorized decides about.
import * as https from 'https';
import type { AddressInfo } from 'net';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../unit/http/selfSignedCertificate';

export interface SelfSignedServer {
  url: string;
  /** Requests that got past the TLS handshake. */
  requests: number;
  close(): Promise<void>;
}

export async function startSelfSignedServer(): Promise<SelfSignedServer> {
  const server = https.createServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT }, (_request, response) => {
    result.requests++;
    response.writeHead(200, { 'Content-Type': 'text/plain', ETag: '"tls"' });
    response.end('answered over TLS');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result: SelfSignedServer = {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return result;
}
