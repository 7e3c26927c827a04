// The origin for the send-path case, run in a child process so that serving and
// sending don't share one event loop. Answers every GET with a small JSON body and
// the validators a real API sends (ETag, Last-Modified), keeping connections alive.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** Starts the server in a child process; resolves with its base URL and a stop function. */
export function startServerProcess() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the benchmark server exited early (code ${code})`)));
    child.once('message', ({ port }) => {
      child.removeAllListeners('exit');
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill();
        }),
      });
    });
  });
}

function serve() {
  const lastModified = new Date(Date.UTC(2024, 0, 2, 3, 4, 5)).toUTCString();
  const server = http.createServer((request, response) => {
    const id = request.url.split('/').pop();
    const body = JSON.stringify({ id, name: `item ${id}`, tags: ['bench'], updatedAt: '2024-01-02T03:04:05Z' });
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      etag: `"v1-${id}"`,
      'last-modified': lastModified,
    });
    response.end(body);
  });
  // Idle connections stay open between rounds, so neither contender pays for reconnects the other doesn't.
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--serve')) serve();
