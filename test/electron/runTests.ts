// Runs the integration suites in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code (or have one: set PD_VSCODE_EXECUTABLE).
// Same entry, same suites as test/harness/run.mjs; only the host differs.
//
//   npm run compile-tests && npm run build && npm run test:electron [-- --grep <regexp>]
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-electron-'));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const reportPath = path.join(repoRoot, 'test-results', 'electron-report.json');
  fs.rmSync(reportPath, { force: true });
  try {
    await runTests({
      vscodeExecutablePath: process.env.PD_VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      // --disable-extensions: only the extension under development, as in the harness.
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: { PD_TEST_REPORT: reportPath, PD_TEST_GREP: grepArgument() },
    });
  } catch (error) {
    if (isOffline(error)) {
      console.error(
        'test:electron could not download VS Code: this machine has no route to its download server ' +
          `(${(error as Error).message}). Run \`npm run test:integration\` instead (VS Code for the web ` +
          'through code-server), or set PD_VSCODE_EXECUTABLE to an installed VS Code.',
      );
      return 2;
    }
    console.error(`test:electron: ${(error as Error).message ?? error}`);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return printSummary(reportPath);
}

function grepArgument(): string | undefined {
  const index = process.argv.indexOf('--grep');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function isOffline(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? error}`;
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|ETIMEDOUT|getaddrinfo/.test(text);
}

// The same closing line as the harness, from the report the test entry wrote.
function printSummary(reportPath: string): number {
  let report: { passed: number; failed: number; pending: number };
  try {
    report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  } catch {
    console.log('0 passed, 1 failed'); // VS Code never reached the test entry
    return 1;
  }
  console.log(`${report.passed} passed, ${report.failed} failed${report.pending ? `, ${report.pending} skipped` : ''}`);
  return report.failed > 0 || report.passed === 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
