import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, runCli, useCliWorkspace } from './cliHarness';

describe('precondition-doctor usage', () => {
  const workspace = useCliWorkspace();

  it('exits 2 with the usage on an unknown flag', async () => {
    workspace.folder().write('a.http', 'GET http://127.0.0.1:9/\n');

    const run = await runCli(['send', 'a.http', '--frobnicate'], workspace.folder().root);

    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^precondition-doctor: unknown option --frobnicate\n\nUsage: precondition-doctor send <file\.http>/);
  });

  for (const [args, message] of [
    [[], /say what to do/],
    [['fetch', 'a.http'], /unknown command 'fetch'/],
    [['send'], /send needs a \.http file/],
    [['send', 'a.http', '--all', '--line', '1'], /--all sends every request/],
    [['send', 'a.http', '--line', 'zero'], /--line zero: expected a line number counted from 1/],
    [['send', 'a.http', '--max-attempts', '11'], /--max-attempts 11/],
    [['send', 'a.http', '--env'], /--env needs a value/],
    [['send', 'missing.http'], /can't read missing\.http: no such file/],
    [['send', 'a.http', '--line', '7'], /line 7 of a\.http is not inside a request/],
    [['send', 'a.http', '--name', 'nope'], /no request named 'nope' in a\.http/],
  ] as const) {
    it(`exits 2 for: ${args.join(' ') || '(nothing)'}`, async () => {
      workspace.folder().write('a.http', 'GET http://127.0.0.1:9/\n');

      const run = await runCli(args, workspace.folder().root);

      assert.equal(run.code, 2, run.stdout);
      assert.match(run.stderr, message);
    });
  }

  it('prints the help on --help and the package version on --version', async () => {
    const help = await runCli(['--help'], workspace.folder().root);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: precondition-doctor send <file\.http> \[--all \| --name <name> \| --line <N>\]/);
    assert.match(help.stdout, /Exit codes: 0/);

    const version = await runCli(['--version'], workspace.folder().root);
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.code, 0);
    assert.equal(version.stdout, `${manifest.version}\n`);
  });
});
