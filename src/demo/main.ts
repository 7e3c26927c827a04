/**
 * Command line for the demo API:
 *   node out/src/demo/main.js [--port N] [--host H] [--background-writer-ms N]
 * Prints "Demo API listening on URL", then one line per request; Ctrl+C stops it.
 */
import { startDemoServer } from './server';

export interface DemoCliOptions {
  port: number;
  host: string;
  backgroundWriterMs: number;
}

/** The writer's default: slow enough to GET and PUT in between, fast enough to watch it bite. */
const DEFAULT_WRITER_MS = 10_000;

const USAGE = `Usage: demo [--port N] [--host 127.0.0.1] [--background-writer-ms N]
  --port N                    port to listen on (default: a free port)
  --host H                    address to bind (default: 127.0.0.1)
  --background-writer-ms N    edit /busy/items/1 every N ms (default ${DEFAULT_WRITER_MS}; 0 turns it off)`;

/** Parses argv; returns a message instead of options when the user needs to fix something. */
export function parseDemoArgs(argv: readonly string[]): DemoCliOptions | { message: string; exitCode: number } {
  const options: DemoCliOptions = { port: 0, host: '127.0.0.1', backgroundWriterMs: DEFAULT_WRITER_MS };
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') return { message: USAGE, exitCode: 0 };
    const value = inline ?? argv[++index];
    if (flag === '--host' && value) {
      options.host = value;
      continue;
    }
    const number = Number(value);
    if (flag === '--port' && Number.isInteger(number) && number >= 0 && number <= 65535) options.port = number;
    else if (flag === '--background-writer-ms' && Number.isInteger(number) && number >= 0) options.backgroundWriterMs = number;
    else return { message: `Cannot use ${argv.slice(index - (inline === undefined ? 1 : 0), index + 1).join(' ')}.\n${USAGE}`, exitCode: 2 };
  }
  return options;
}

async function main(): Promise<void> {
  const parsed = parseDemoArgs(process.argv.slice(2));
  if ('message' in parsed) {
    (parsed.exitCode === 0 ? process.stdout : process.stderr).write(`${parsed.message}\n`);
    process.exitCode = parsed.exitCode;
    return;
  }
  let server;
  try {
    server = await startDemoServer({ ...parsed, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? ` Port ${parsed.port} is in use: stop the other process or pass --port 0 for a free port.` : '';
    process.stderr.write(`Cannot start the demo API: ${(error as Error).message}.${hint}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`Demo API listening on ${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
