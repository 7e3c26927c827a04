/**
 * `precondition-doctor`: the command line for CI pipelines. Built into dist/cli.js (the
 * package's `bin`) from the same src/core the extension uses. This file only dispatches.
 */
import { parseCliArgs, USAGE } from './args';
import { runSend, type CliIo } from './sendCommand';
import { readVersion } from './version';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseCliArgs(argv);
  switch (command.kind) {
    case 'help':
      io.stdout(`${USAGE}\n`);
      return 0;
    case 'version':
      io.stdout(`${readVersion()}\n`);
      return 0;
    case 'usage-error':
      io.stderr(`precondition-doctor: ${command.message}\n\n${USAGE}\n`);
      return 2;
    case 'send':
      return runSend(command.options, io);
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    // exitCode, not exit(): a piped stdout still has to drain.
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`precondition-doctor: unexpected failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
