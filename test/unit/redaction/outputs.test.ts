import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { readRedactSettings } from '../../../src/cli/redactSettings';
import { RedactionPolicy, SecretValues } from '../../../src/core/redaction/redactionPolicy';
import { RedactingLog } from '../../../src/features/redactingLog';

describe('the editor log: every line through the policy', () => {
  // The channel's type only: RedactingLog imports no vscode at run time, so it is tested here without an editor.
  function fakeChannel(lines: string[]): vscode.LogOutputChannel {
    const record = (message: string | Error, ...args: unknown[]) => void lines.push([message, ...args].map(String).join(' '));
    return { info: record, warn: record, error: record, debug: record, trace: record, appendLine: record } as unknown as vscode.LogOutputChannel;
  }

  it('hides URL secrets and known secret values in what features log, arguments included', () => {
    const lines: string[] = [];
    const secrets = new SecretValues();
    const log = new RedactingLog(fakeChannel(lines), () => new RedactionPolicy({}, secrets));
    secrets.add('tenant-s3cret');
    log.info('explained 412 of PUT https://h.example/t/tenant-s3cret/items?sig=abc: etag-mismatch (high)');
    log.warn('refresh failed', 'https://h.example/?code=c0de');
    log.error(new Error('no response from https://h.example/?token=t0k'));
    assert.deepEqual(lines, [
      'explained 412 of PUT https://h.example/t/[redacted]/items?sig=[redacted]: etag-mismatch (high)',
      'refresh failed https://h.example/?code=[redacted]',
      ...lines.slice(2),
    ]);
    assert.ok(!lines[2].includes('t0k') && lines[2].includes('token=[redacted]'), lines[2]);
  });
});

describe('the command line reads the workspace redaction settings', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-cli-settings-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('from .vscode/settings.json, comments and trailing commas allowed', async () => {
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      '{\n  // hidden in CI too\n  "preconditionDoctor.redact.headers": ["X-Tenant"],\n  "preconditionDoctor.redact.queryParameters": ["tenant",],\n  /* body */ "preconditionDoctor.redact.bodyFields": ["ssn"],\n  "other.url": "http://x//y",\n}\n',
    );
    assert.deepEqual(await readRedactSettings(folder), { headers: ['X-Tenant'], queryParameters: ['tenant'], bodyFields: ['ssn'] });
  });

  it('as nothing extra when the file is missing or broken', async () => {
    assert.deepEqual(await readRedactSettings(folder), {});
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), '{ "preconditionDoctor.redact.headers": [');
    assert.deepEqual(await readRedactSettings(folder), {});
  });
});
