import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { resolveRequest, type ResolveOptions, type ResolvedRequest } from '../../../src/core/variables/resolveRequest';
import type { NamedExchange } from '../../../src/core/variables/resolveReference';

const FIXED_NOW = new Date('2026-03-04T05:06:07.089Z');

function options(overrides: Partial<ResolveOptions> = {}): ResolveOptions {
  return {
    environment: {},
    requestNames: new Set(),
    namedExchange: () => undefined,
    now: () => FIXED_NOW,
    random: () => 0.5,
    processEnv: {},
    dotenv: {},
    lookupEnvironment: () => undefined,
    ...overrides,
  };
}

async function resolve(text: string, overrides: Partial<ResolveOptions> = {}, index = 0): Promise<ResolvedRequest> {
  const file = parseHttpFile(text);
  const requestNames = new Set(file.requests.map((r) => r.name).filter((n): n is string => !!n));
  return resolveRequest(file, file.requests[index], options({ requestNames, ...overrides }));
}

async function resolved(text: string, overrides: Partial<ResolveOptions> = {}, index = 0) {
  const result = await resolve(text, overrides, index);
  if (!result.ok) assert.fail(`expected it to resolve, got: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.request;
}

async function failure(text: string, overrides: Partial<ResolveOptions> = {}, index = 0) {
  const result = await resolve(text, overrides, index);
  if (result.ok) assert.fail('expected errors');
  return result.errors;
}

function header(request: { headers: Array<[string, string]> }, name: string): string | undefined {
  return request.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

describe('resolveRequest: file variables and environments', () => {
  it('substitutes file variables in URL, headers and body', async () => {
    const request = await resolved('@base = http://127.0.0.1:8080\n@id = 7\n\nPUT {{base}}/todos/{{id}}\nX-Id: {{id}}\n\n{"id": {{id}}}\n');
    assert.equal(request.url, 'http://127.0.0.1:8080/todos/7');
    assert.equal(header(request, 'X-Id'), '7');
    assert.equal(request.body, '{"id": 7}');
  });

  it('lets file variables refer to other variables and to the environment', async () => {
    const request = await resolved('@api = {{host}}/api\nGET {{api}}/x\n', { environment: { host: 'http://h' } });
    assert.equal(request.url, 'http://h/api/x');
  });

  it('takes environment variables when the file does not define them', async () => {
    const request = await resolved('GET {{baseUrl}}/x\n', { environment: { baseUrl: 'http://env' } });
    assert.equal(request.url, 'http://env/x');
  });

  it('prefers a file variable over an environment variable of the same name', async () => {
    const request = await resolved('@baseUrl = http://file\nGET {{baseUrl}}/\n', { environment: { baseUrl: 'http://env' } });
    assert.equal(request.url, 'http://file/');
  });

  describe('a variable defined twice: the last definition in the file wins, as in REST Client', () => {
    const twice = '@id = 1\nGET http://a/{{id}}\n\n###\n@id = 2\nGET http://a/{{id}}\n';

    it('for the requests after the redefinition', async () => {
      assert.equal((await resolved(twice, {}, 1)).url, 'http://a/2');
    });

    it('and for those before it: REST Client scopes a file variable to the whole file', async () => {
      assert.equal((await resolved(twice, {}, 0)).url, 'http://a/2');
    });
  });

  it('reports an undefined variable with its exact span and the environment name', async () => {
    const text = 'GET http://a/\nIf-Match: {{etag}}\n';
    const [error] = await failure(text, { environmentName: 'dev' });
    assert.match(error.message, /^line 2: variable 'etag' is not defined.*environment 'dev'/);
    assert.deepEqual(error.span, { line: 1, character: 10, length: 8 });
  });

  it('detects a cycle between variables instead of looping', async () => {
    const [error] = await failure('@a = {{b}}\n@b = {{a}}\nGET http://x/{{a}}\n');
    assert.match(error.message, /cycle/);
  });

  it('reports an empty {{}}', async () => {
    const [error] = await failure('GET http://x/{{}}\n');
    assert.match(error.message, /empty/);
  });
});

describe('resolveRequest: system variables', () => {
  it('{{$guid}} gives a UUID', async () => {
    const request = await resolved('GET http://a/?id={{$guid}}\n');
    assert.match(request.url, /id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('{{$timestamp}} gives Unix seconds, with an offset', async () => {
    assert.equal((await resolved('GET http://a/?t={{$timestamp}}\n')).url, `http://a/?t=${Math.floor(FIXED_NOW.getTime() / 1000)}`);
    assert.equal((await resolved('GET http://a/?t={{$timestamp -1 d}}\n')).url, `http://a/?t=${Math.floor(FIXED_NOW.getTime() / 1000) - 86400}`);
  });

  it('{{$randomInt min max}} is min inclusive, max exclusive', async () => {
    assert.equal((await resolved('GET http://a/?n={{$randomInt 10 20}}\n', { random: () => 0 })).url, 'http://a/?n=10');
    assert.equal((await resolved('GET http://a/?n={{$randomInt 10 20}}\n', { random: () => 0.9999 })).url, 'http://a/?n=19');
  });

  it('rejects $randomInt with max not above min', async () => {
    const [error] = await failure('GET http://a/?n={{$randomInt 5 5}}\n');
    assert.match(error.message, /min < max/);
  });

  it('{{$datetime rfc1123}} is an HTTP-date', async () => {
    const request = await resolved('GET http://a/\nIf-Unmodified-Since: {{$datetime rfc1123}}\n');
    assert.equal(header(request, 'If-Unmodified-Since'), 'Wed, 04 Mar 2026 05:06:07 GMT');
  });

  it('{{$datetime iso8601}} with an offset', async () => {
    const request = await resolved('GET http://a/\nX-When: {{$datetime iso8601 1 h}}\n');
    assert.equal(header(request, 'X-When'), '2026-03-04T06:06:07.089Z');
  });

  it('{{$datetime "pattern"}} formats Day.js tokens', async () => {
    const request = await resolved('GET http://a/\nX-Day: {{$datetime "YYYY-MM-DD HH:mm"}}\n');
    assert.equal(header(request, 'X-Day'), '2026-03-04 05:06');
  });

  it('{{$datetime}} without a format says what to write', async () => {
    const [error] = await failure('GET http://a/\nX: {{$datetime}}\n');
    assert.match(error.message, /needs a format/);
  });

  it('{{$processEnv X}} reads the process environment', async () => {
    const request = await resolved('GET http://a/\nAuthorization: Bearer {{$processEnv API_TOKEN}}\n', { processEnv: { API_TOKEN: 't0k' } });
    assert.equal(header(request, 'Authorization'), 'Bearer t0k');
  });

  it('{{$processEnv %name}} takes the variable name from the environment', async () => {
    const request = await resolved('GET http://a/\nX: {{$processEnv %tokenVar}}\n', {
      processEnv: { PROD_TOKEN: 'p' },
      lookupEnvironment: (name) => (name === 'tokenVar' ? 'PROD_TOKEN' : undefined),
    });
    assert.equal(header(request, 'X'), 'p');
  });

  it('{{$processEnv X}} that is not set names the variable', async () => {
    const [error] = await failure('GET http://a/\nX: {{$processEnv NOPE}}\n');
    assert.match(error.message, /'NOPE' is not set/);
  });

  it('{{$dotenv X}} reads the .env values', async () => {
    const request = await resolved('GET http://a/\nX: {{$dotenv SECRET}}\n', { dotenv: { SECRET: 's' } });
    assert.equal(header(request, 'X'), 's');
  });

  it('an unknown system variable is an error, not sent literally', async () => {
    const [error] = await failure('GET http://a/\nX: {{$aadToken}}\n');
    assert.match(error.message, /not a system variable we support/);
  });
});

describe('resolveRequest: named request references', () => {
  const login: NamedExchange = {
    requestHeaders: { 'x-request': 'r1' },
    requestBody: '{"user":"u"}',
    response: {
      status: 200,
      responseHeaders: { etag: '"v7"', 'content-type': 'application/json' },
      bodyText: '{"id": 42, "items": [{"name": "first"}], "nested": {"a": {"b": true}}}',
    },
  };
  const exchanges = (name: string) => (name === 'get' ? login : undefined);
  const file = (line: string) => `# @name get\nGET http://a/1\n\n###\nPUT http://a/1\n${line}\n`;

  it('reads a response header case-insensitively', async () => {
    const request = await resolved(file('If-Match: {{get.response.headers.ETag}}'), { namedExchange: exchanges }, 1);
    assert.equal(header(request, 'If-Match'), '"v7"');
  });

  it('reads the response body with JSONPath', async () => {
    const request = await resolved(file('X-Id: {{get.response.body.$.id}}'), { namedExchange: exchanges }, 1);
    assert.equal(header(request, 'X-Id'), '42');
  });

  it('reads array elements and nested objects with JSONPath', async () => {
    assert.equal(header(await resolved(file('X: {{get.response.body.$.items[0].name}}'), { namedExchange: exchanges }, 1), 'X'), 'first');
    assert.equal(header(await resolved(file('X: {{get.response.body.$.nested.a}}'), { namedExchange: exchanges }, 1), 'X'), '{"b":true}');
    assert.equal(header(await resolved(file("X: {{get.response.body.$['id']}}"), { namedExchange: exchanges }, 1), 'X'), '42');
  });

  it('reads the request headers and body of a named request', async () => {
    assert.equal(header(await resolved(file('X: {{get.request.headers.X-Request}}'), { namedExchange: exchanges }, 1), 'X'), 'r1');
    assert.equal(header(await resolved(file('X: {{get.request.body.$.user}}'), { namedExchange: exchanges }, 1), 'X'), 'u');
  });

  it('says a named request has not been sent yet, naming it', async () => {
    const [error] = await failure(file('If-Match: {{get.response.headers.ETag}}'), {}, 1);
    assert.match(error.message, /^line 6: request 'get' has not been sent yet: send it first/);
  });

  it('says when no request has that name', async () => {
    const [error] = await failure(file('If-Match: {{other.response.headers.ETag}}'), {}, 1);
    assert.match(error.message, /no request is named 'other'/);
  });

  it('says when the response lacks the header', async () => {
    const [error] = await failure(file('X: {{get.response.headers.Last-Modified}}'), { namedExchange: exchanges }, 1);
    assert.match(error.message, /has no 'Last-Modified' header/);
  });

  it('says when the JSONPath selects nothing', async () => {
    const [error] = await failure(file('X: {{get.response.body.$.missing}}'), { namedExchange: exchanges }, 1);
    assert.match(error.message, /selects nothing/);
  });
});

describe('resolveRequest: $etag and $lastModified', () => {
  const validators = {
    freshestEtag: (url: string) => (url === 'http://a/todos/1' ? '"fresh"' : undefined),
    freshestLastModified: (url: string) => (url === 'http://a/todos/1' ? 'Tue, 01 Jan 2030 00:00:00 GMT' : undefined),
  };

  it('resolves to the freshest validators of the request URL', async () => {
    const request = await resolved('@base = http://a\nPUT {{base}}/todos/1\nIf-Match: {{$etag}}\nIf-Unmodified-Since: {{$lastModified}}\n', { validators });
    assert.equal(header(request, 'If-Match'), '"fresh"');
    assert.equal(header(request, 'If-Unmodified-Since'), 'Tue, 01 Jan 2030 00:00:00 GMT');
  });

  it('says to send a GET first when nothing is recorded', async () => {
    const [error] = await failure('PUT http://a/todos/2\nIf-Match: {{$etag}}\n', { validators });
    assert.match(error.message, /no ETag recorded for http:\/\/a\/todos\/2: send a GET to http:\/\/a\/todos\/2 first/);
  });
});

describe('resolveRequest: URLs, headers and safety', () => {
  it('builds the URL from a relative path and a Host header', async () => {
    assert.equal((await resolved('GET /api/x\nHost: example.com:8080\n')).url, 'http://example.com:8080/api/x');
  });

  it('adds http:// to a URL without a scheme', async () => {
    assert.equal((await resolved('GET localhost:8080/x\n')).url, 'http://localhost:8080/x');
  });

  it('refuses a relative URL without a Host header, saying what to add', async () => {
    const [error] = await failure('GET /api/x\n');
    assert.match(error.message, /relative: add a Host header/);
  });

  it('refuses schemes other than http and https', async () => {
    const [error] = await failure('GET ftp://a/x\n');
    assert.match(error.message, /'ftp:' URLs can't be sent/);
  });

  it('refuses a header whose resolved value holds CR or LF, with the line', async () => {
    const [error] = await failure('GET http://a/\nX-Evil: {{bad}}\n', { environment: { bad: 'a\r\nInjected: yes' } });
    assert.match(error.message, /^line 2: header 'X-Evil' contains a line break/);
  });

  it('refuses a URL that resolves to contain a line break', async () => {
    const [error] = await failure('GET http://a/{{bad}}\n', { environment: { bad: 'x\ny' } });
    assert.match(error.message, /line break/);
  });

  it('carries parse errors through, so nothing is sent', async () => {
    const [error] = await failure('GET\n');
    assert.match(error.message, /no URL/);
  });

  it('keeps header order and duplicates', async () => {
    const request = await resolved('GET http://a/\nAccept: a\nX-Dup: 1\nX-Dup: 2\n');
    assert.deepEqual(request.headers, [['Accept', 'a'], ['X-Dup', '1'], ['X-Dup', '2']]);
  });
});

describe('resolveRequest: body files', () => {
  let directory: string;
  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-body-'));
    fs.writeFileSync(path.join(directory, 'payload.json'), '{"id": "{{id}}"}');
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));
  const readBodyFile = (relative: string) => fs.promises.readFile(path.resolve(directory, relative));

  it('sends `< file` as raw bytes', async () => {
    const request = await resolved('POST http://a/\n\n< ./payload.json\n', { readBodyFile });
    assert.equal(Buffer.from(request.body as Uint8Array).toString(), '{"id": "{{id}}"}');
  });

  it('substitutes variables in `<@ file`', async () => {
    const request = await resolved('@id = 9\nPOST http://a/\n\n<@ ./payload.json\n', { readBodyFile });
    assert.equal(request.body, '{"id": "9"}');
  });

  it('names a missing body file', async () => {
    const [error] = await failure('POST http://a/\n\n< ./missing.json\n', { readBodyFile });
    assert.match(error.message, /can't read body file '.\/missing.json'/);
  });
});
