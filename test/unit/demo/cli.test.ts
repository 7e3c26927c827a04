import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { parseDemoArgs } from '../../../src/demo/main';

const MAIN = resolve(__dirname, '../../../src/demo/main.js');

describe('demo API command line', () => {
  it('parses --port, --host and --background-writer-ms, with = or a space', () => {
    assert.deepEqual(parseDemoArgs(['--port', '8412', '--background-writer-ms=0']), { port: 8412, host: '127.0.0.1', backgroundWriterMs: 0 });
    assert.deepEqual(parseDemoArgs(['--port=0', '--host', '::1']), { port: 0, host: '::1', backgroundWriterMs: 10000 });
  });

  it('explains a bad argument instead of starting', () => {
    const parsed = parseDemoArgs(['--port', 'eighty']);
    assert.ok('message' in parsed && parsed.exitCode === 2 && /--port eighty/.test(parsed.message));
    assert.ok('message' in parseDemoArgs(['--verbose']));
  });

  it('prints its URL, logs one line per request and stops on SIGTERM', async function () {
    this.timeout(15000);
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--background-writer-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = /^Demo API listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
        if (match) resolveUrl(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
    });
    const response = await fetch(`${url}/items/1`, { method: 'PUT', headers: { 'If-Match': '"stale"' }, body: '{}' });
    assert.equal(response.status, 412);
    await response.arrayBuffer();
    // No deadline of our own: a log line that never comes fails by the test's timeout.
    while (!/PUT \/items\/1 -> 412/.test(output)) await once(child.stdout, 'data');
    assert.match(output, /if-match: "stale"/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
