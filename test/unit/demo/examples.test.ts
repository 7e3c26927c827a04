import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useDemoServer } from './demoHarness';
import { parseExampleFile, replayExample, type ReplayResult } from './exampleRunner';
import { newExampleFile } from '../../../src/core/examples/newExampleFile';

const EXAMPLES = resolve(__dirname, '../../../../examples');

/**
 * The statuses each walkthrough promises in its comments, request by request, when the
 * file is sent top to bottom once. `undefined` where the outcome depends on timing.
 */
const PROMISED: Record<string, ReadonlyArray<ReplayResult | undefined>> = {
  '01-changed-by-another-client.http': [200, 200, 200, 412, 200, 412, 200, undefined],
  '02-compression-weakens-etag.http': [200, 200, 412, 200, 200],
  '03-gzip-suffix.http': [200, 200, 412, 200, 200, 200],
  '04-clock-ahead.http': [200, 200, 412, 200, 200],
  '05-precondition-required.http': [200, 428, 200, 200, 201, 428],
  '06-stale-cache.http': [200, 200, 200, 200, 412, 200, 200],
  '07-malformed-preconditions.http': [200, 200, 412, 412, 412, 200, 200, 200, 200, 'unresolved'],
  '08-azure-condition-not-met.http': [200, 200, 412, 409, 201],
};

describe('examples workspace', () => {
  const demo = useDemoServer();

  it('has one walkthrough per cause, each checked below', () => {
    assert.deepEqual(readdirSync(EXAMPLES).filter((file) => file.endsWith('.http')).sort(), Object.keys(PROMISED).sort());
  });

  it('points the demo environment at the documented default port', () => {
    const environments = JSON.parse(readFileSync(join(EXAMPLES, 'http-client.env.json'), 'utf8'));
    assert.equal(environments.demo.baseUrl, 'http://127.0.0.1:8412');
  });

  // A new user sends the first request before reading anything: it must not fail.
  it('the first request of every example, and of the New Example file, answers 2xx from the demo', async () => {
    const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.http'));
    const texts = [...files.map((file) => readFileSync(join(EXAMPLES, file), 'utf8')), newExampleFile(demo.server().url)];
    for (const [index, text] of texts.entries()) {
      const [first] = await replayExample(parseExampleFile(text).slice(0, 1), demo.server().url);
      assert.ok(typeof first === 'number' && first >= 200 && first < 300, `${files[index] ?? 'New Example file'}: first request -> ${first}`);
    }
  });

  it('the New Example file reads and then updates with the ETag it read: 200, 200', async () => {
    assert.deepEqual(await replayExample(parseExampleFile(newExampleFile(demo.server().url)), demo.server().url), [200, 200]);
  });

  for (const [file, promised] of Object.entries(PROMISED)) {
    it(`${file} gives the statuses its comments promise`, async () => {
      const requests = parseExampleFile(readFileSync(join(EXAMPLES, file), 'utf8'));
      const statuses = await replayExample(requests, demo.server().url);
      const titled = statuses.map((status, index) => `${requests[index].title} -> ${status}`);
      assert.deepEqual(
        statuses.map((status, index) => (promised[index] === undefined ? undefined : status)),
        promised,
        titled.join('\n'),
      );
      for (const [index, request] of requests.entries()) {
        const claimed = /: (\d{3})\b/.exec(request.title)?.[1];
        if (claimed && promised[index] !== undefined) assert.equal(String(statuses[index]), claimed, `title of "${request.title}"`);
      }
    });
  }
});
