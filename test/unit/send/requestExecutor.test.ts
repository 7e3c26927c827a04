import { strict as assert } from 'node:assert';
import { HttpClient } from '../../../src/core/http/client';
import type { SendResult } from '../../../src/core/http/types';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { RequestExecutor, type ExecutorSettings, type RequestSource } from '../../../src/core/send/requestExecutor';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { requestPathFor } from '../support/requestPath';

const settingsWith = (environments: ExecutorSettings['environments']): ExecutorSettings => ({
  environments,
  trustedWorkspace: true,
  timeoutMs: 1000,
  maxResponseBodyBytes: 1024,
  followRedirects: false,
});

describe('RequestExecutor.resolve for a document without a file', () => {
  const executor = new RequestExecutor({
    path: requestPathFor(new HttpClient()),
    validators: new ValidatorStore(),
    history: new ExchangeHistory(),
    log: () => undefined,
  });
  const source = (text: string): RequestSource => ({ documentKey: 'untitled:Untitled-1', parsed: parseHttpFile(text) });
  const urlOf = async (from: RequestSource, environment: string | undefined, settings: ExecutorSettings) => {
    const resolved = await executor.resolve(from, from.parsed.requests[0], environment, settings);
    assert.ok(resolved.ok, JSON.stringify(resolved));
    return resolved.request.url;
  };

  it('follows a switch of environment between two sends', async () => {
    const file = source('GET {{baseUrl}}/items/1\n');
    const settings = settingsWith({ dev: { baseUrl: 'http://dev.test' }, prod: { baseUrl: 'http://prod.test' } });
    assert.equal(await urlOf(file, 'dev', settings), 'http://dev.test/items/1');
    assert.equal(await urlOf(file, 'prod', settings), 'http://prod.test/items/1');
    assert.equal(await urlOf(file, 'dev', settings), 'http://dev.test/items/1');
  });

  it('uses changed environment settings on the next send', async () => {
    const file = source('GET {{baseUrl}}/items/1\n');
    assert.equal(await urlOf(file, 'dev', settingsWith({ dev: { baseUrl: 'http://before.test' } })), 'http://before.test/items/1');
    assert.equal(await urlOf(file, 'dev', settingsWith({ dev: { baseUrl: 'http://after.test' } })), 'http://after.test/items/1');
  });

  it('uses an edited file variable on the next send', async () => {
    const settings = settingsWith({});
    assert.equal(await urlOf(source('@host = http://one.test\nGET {{host}}/a\n'), undefined, settings), 'http://one.test/a');
    assert.equal(await urlOf(source('@host = http://two.test\nGET {{host}}/a\n'), undefined, settings), 'http://two.test/a');
  });

  it('reads the freshest recorded ETag for {{$etag}} on every send', async () => {
    const validators = new ValidatorStore();
    const withStore = new RequestExecutor({ path: requestPathFor(new HttpClient(), { validators }), validators, history: new ExchangeHistory(), log: () => undefined });
    const file = source('PUT http://api.test/items/1\nIf-Match: {{$etag}}\n');
    const settings = settingsWith({});
    const ifMatchOf = async () => {
      const resolved = await withStore.resolve(file, file.parsed.requests[0], undefined, settings);
      assert.ok(resolved.ok, JSON.stringify(resolved));
      return resolved.request.headers[0][1];
    };
    validators.recordResponse({ method: 'GET', url: 'http://api.test/items/1', status: 200, responseHeaders: { etag: '"v1"' } });
    assert.equal(await ifMatchOf(), '"v1"');
    validators.recordResponse({ method: 'GET', url: 'http://api.test/items/1', status: 200, responseHeaders: { etag: '"v2"' } });
    assert.equal(await ifMatchOf(), '"v2"');
  });
});

describe('ExchangeHistory', () => {
  const exchange = (index: number, documentKey = 'file:///a.http') => ({
    documentKey,
    requestName: index % 2 ? 'odd' : 'even',
    requestLine: index % 3,
    result: { method: 'GET', url: `http://api.test/${index}`, requestHeaders: {}, status: 200, statusText: 'OK', responseHeaders: {}, bodyText: String(index), durationMs: 1 } satisfies SendResult,
    at: new Date(0),
  });

  it('keeps the newest exchanges up to its limit, newest first', () => {
    const history = new ExchangeHistory(200);
    for (let index = 0; index < 450; index++) history.record(exchange(index));
    const recent = history.recent();
    assert.equal(recent.length, 200);
    assert.equal(recent[0].result.bodyText, '449');
    assert.equal(recent[199].result.bodyText, '250');
  });

  it('answers for the newest exchange of a name and of a request line', () => {
    const history = new ExchangeHistory(5);
    for (let index = 0; index < 23; index++) history.record(exchange(index));
    assert.equal(history.namedExchange('file:///a.http', 'even')?.response.bodyText, '22');
    assert.equal(history.namedExchange('file:///a.http', 'odd')?.response.bodyText, '21');
    assert.equal(history.lastSentUrl('file:///a.http', 1), 'http://api.test/22');
    assert.equal(history.lastSentUrl('file:///b.http', 1), undefined);
  });

  it('filters by document', () => {
    const history = new ExchangeHistory(10);
    history.record(exchange(1, 'file:///a.http'));
    history.record(exchange(2, 'file:///b.http'));
    history.record(exchange(3, 'file:///a.http'));
    assert.deepEqual(history.recent('file:///a.http').map((e) => e.result.bodyText), ['3', '1']);
  });
});
