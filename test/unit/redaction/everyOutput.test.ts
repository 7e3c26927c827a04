/**
 * The "done when": one request carrying a secret in every place a secret hides, a
 * 412 from a server on 127.0.0.1, and not one of the secrets in any output a user can share:
 * the log, the Explain report, the markdown trace, the HAR, the copied curl line, and the
 * command line's text and --json.
 */
import { strict as assert } from 'node:assert';
import { requestPathFor } from '../support/requestPath';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explainFailure } from '../../../src/core/diagnosis/explainFailure';
import { buildRedactedHar } from '../../../src/core/diagnosis/har';
import { renderDiagnosisReport } from '../../../src/core/diagnosis/report';
import { renderRedactedTrace } from '../../../src/core/diagnosis/trace';
import { HttpClient } from '../../../src/core/http/client';
import { toCurlCommand } from '../../../src/core/http/curl';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { RedactionPolicy, SecretValues } from '../../../src/core/redaction/redactionPolicy';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { RequestExecutor, type ExecutorSettings, type RequestSource } from '../../../src/core/send/requestExecutor';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { runCli, useCliWorkspace } from '../cli/cliHarness';
import { startServer, type TestServer } from '../http/testServer';

const SECRETS = {
  authorization: 'auth-S3CRET-1',
  apiKey: 'apikey-S3CRET-2',
  sig: 'sig-S3CRET-3',
  userinfo: 'userinfo-S3CRET-4',
  password: 'password-S3CRET-5',
  dotenv: 'dotenv-S3CRET-6',
  privateEnv: 'private-env S3CRET-7',
  code: 'code-S3CRET-8',
  processEnv: 'procenv-S3CRET-9',
} as const;

const TENANT_VARIABLE = 'PD_REDACTION_TEST_TENANT';

/** The request of the issue, plus one whose URL carries userinfo (the client refuses to send it, but its URL is still shown). */
function httpFile(origin: string): string {
  return `@baseUrl = ${origin}

### update
# @name update
PUT {{baseUrl}}/t/{{$processEnv ${TENANT_VARIABLE}}}/items/1?sig=${SECRETS.sig}&page=2
Authorization: Bearer ${SECRETS.authorization}
X-Api-Key: ${SECRETS.apiKey}
X-Request-Note: {{$dotenv NOTE}}
Referer: http://ann:${SECRETS.userinfo}@portal.example/page
If-Match: "v1"
Content-Type: multipart/form-data; boundary=X-BOUNDARY

--X-BOUNDARY
Content-Disposition: form-data; name="profile"
Content-Type: application/json

{"user": "ann", "password": "${SECRETS.password}"}
--X-BOUNDARY
Content-Disposition: form-data; name="diary"
Content-Type: text/plain

Dear diary: {{diary}}
--X-BOUNDARY--

### userinfo
GET http://ann:${SECRETS.userinfo}@${origin.replace(/^http:\/\//, '')}/items/1
`;
}

function writeWorkspace(folder: string, origin: string): string {
  fs.writeFileSync(path.join(folder, '.env'), `NOTE=${SECRETS.dotenv}\n`);
  fs.writeFileSync(path.join(folder, 'http-client.private.env.json'), JSON.stringify({ $shared: { diary: SECRETS.privateEnv } }));
  const file = path.join(folder, 'api.http');
  fs.writeFileSync(file, httpFile(origin));
  return file;
}

/** Every secret, as written and percent-encoded (the process environment's value travels in the URL path). */
function assertNoSecret(output: string, where: string): void {
  for (const [kind, secret] of Object.entries(SECRETS)) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) assert.ok(!output.includes(form), `${where} shows the ${kind} secret ${form}:\n${output}`);
  }
  assert.match(output, /\[redacted\]/, `${where} redacted nothing: did it show the request at all?`);
}

describe('one request with a secret in every place: no output shows any of them', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((request, response) => {
      request.resume();
      if (request.method === 'PUT') {
        response.writeHead(412, { etag: '"v2"', location: `/callback?code=${SECRETS.code}&state=1`, 'content-type': 'text/plain' }).end('precondition failed');
      } else {
        response.writeHead(200, { etag: '"v2"', 'content-type': 'text/plain' }).end(request.method === 'HEAD' ? undefined : 'current');
      }
    });
  });
  after(() => server.close());

  describe('the log, the Explain report, the trace, the HAR and the curl copy', () => {
    let folder: string;
    beforeEach(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-every-output-'));
    });
    afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

    it('hides every secret, and keeps the validators', async () => {
      const filePath = writeWorkspace(folder, server.origin);
      const parsed = parseHttpFile(fs.readFileSync(filePath, 'utf8'));
      const source: RequestSource = { documentKey: filePath, filePath, workspaceRoot: folder, parsed };
      const settings: ExecutorSettings = { trustedWorkspace: true, timeoutMs: 5000, maxResponseBodyBytes: 65536, followRedirects: false };
      const client = new HttpClient();
      const validators = new ValidatorStore();
      const history = new ExchangeHistory();
      const secrets = new SecretValues();
      const log: string[] = [];
      const policy = new RedactionPolicy({}, secrets);
      const requestPath = requestPathFor(client, { validators, log: (line) => log.push(line), redaction: () => policy });
      const executor = new RequestExecutor({ path: requestPath, validators, history, log: (line) => log.push(line), secrets, redaction: () => policy, processEnv: { [TENANT_VARIABLE]: SECRETS.processEnv } });
      try {
        const [update, userinfo] = parsed.requests;
        const failed = await executor.execute(source, update, undefined, settings);
        assert.equal(failed.status, 412, failed.error);
        assert.equal(failed.responseHeaders.location, `/callback?code=${SECRETS.code}&state=1`);
        const refused = await executor.execute(source, userinfo, undefined, settings);
        assert.equal(refused.status, 0);

        const { diagnosis, probes } = await explainFailure({ path: requestPath, validators, history }, failed, { ...settings, probe: true });
        assert.ok(probes.probe, 'the explain probed the server');
        const now = new Date();
        const report = renderDiagnosisReport({ diagnosis, failed, record: validators.get(failed.url), probe: probes.probe, requestName: update.name, now, redaction: policy });
        const exchanges = [{ result: failed, at: now, label: 'update' }, { result: probes.probe, at: now, label: 'probe' }, { result: refused, at: now }];
        const trace = renderRedactedTrace({ exchanges, diagnosis, now, redaction: policy });
        const har = JSON.stringify(buildRedactedHar({ exchanges, now, redaction: policy }), null, 2);
        const curls = [];
        for (const request of [update, userinfo]) {
          const resolved = await executor.resolve(source, request, undefined, settings);
          assert.ok(resolved.ok);
          curls.push(toCurlCommand(policy.request(resolved.request)));
        }

        assertNoSecret(log.join('\n'), 'the log');
        assertNoSecret(report, 'the Explain report');
        assertNoSecret(trace, 'the markdown trace');
        assertNoSecret(har, 'the HAR');
        assertNoSecret(curls.join('\n'), 'the curl copy');
        // The HAR is JSON: its quotes are escaped.
        for (const output of [report, trace, har]) assert.ok(/\\?"v1\\?"/.test(output) && /\\?"v2\\?"/.test(output), 'the validators stay');
        assert.match(report, /\/callback\?code=\[redacted\]&state=1/);
      } finally {
        validators.dispose();
        history.dispose();
        await client.dispose();
      }
    });
  });

  describe('the command line, run as a process', () => {
    const workspace = useCliWorkspace();
    const env = () => ({ ...process.env, [TENANT_VARIABLE]: SECRETS.processEnv });

    it('hides every secret in its text output', async () => {
      writeWorkspace(workspace.folder().root, server.origin);
      const run = await runCli(['send', 'api.http', '--all', '--explain'], workspace.folder().root, env());
      assert.match(run.stdout, /^HTTP\/1\.1 412 Precondition Failed$/m, run.stderr);
      assert.match(run.stdout, /^Explain 412/m);
      assertNoSecret(`${run.stdout}\n${run.stderr}`, 'the CLI text output');
    });

    it('hides every secret in --json', async () => {
      writeWorkspace(workspace.folder().root, server.origin);
      const run = await runCli(['send', 'api.http', '--all', '--explain', '--json'], workspace.folder().root, env());
      const entries = JSON.parse(run.stdout) as Array<{ status: number; diagnosis?: unknown }>;
      assert.deepEqual(entries.map((entry) => entry.status), [412, 0]);
      assert.ok(entries[0].diagnosis);
      assertNoSecret(`${run.stdout}\n${run.stderr}`, 'the CLI --json output');
    });

    it('shows them with --show-secrets: the checks above look where the secrets would be', async () => {
      writeWorkspace(workspace.folder().root, server.origin);
      const run = await runCli(['send', 'api.http', '--all', '--show-secrets', '--json'], workspace.folder().root, env());
      for (const secret of [SECRETS.authorization, SECRETS.apiKey, SECRETS.sig, SECRETS.dotenv, SECRETS.privateEnv, SECRETS.code, SECRETS.password]) {
        assert.ok(run.stdout.includes(secret) || run.stdout.includes(JSON.stringify(secret).slice(1, -1)), `${secret} is not in the output at all`);
      }
    });
  });
});
