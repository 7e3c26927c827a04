import { parseArgs } from 'node:util';

export interface SendOptions {
  /** As typed: resolved against the working directory by the command. */
  file: string;
  all: boolean;
  names: string[];
  /** 1-based, as editors, `grep -n` and our own error messages number lines. */
  lines: number[];
  env?: string;
  explain: boolean;
  probe: boolean;
  retry: boolean;
  maxAttempts: number;
  force: boolean;
  json: boolean;
  store: boolean;
  showSecrets: boolean;
  bail: boolean;
  timeoutMs: number;
  insecure: boolean;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'send'; options: SendOptions }
  | { kind: 'usage-error'; message: string };

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;

export const USAGE = `Usage: precondition-doctor send <file.http> [--all | --name <name> | --line <N>] [options]
       precondition-doctor --help | --version

Sends requests from a .http file the way the Precondition Doctor extension does,
prints each exchange like \`curl -i\`, and explains 412/428 precondition failures.

Which requests (required when the file holds more than one request):
  --all                 every request in the file, top to bottom
  --name <name>         the request named by \`# @name <name>\` or \`### <name>\` (repeatable)
  --line <N>            the request whose block holds line N, counted from 1 (repeatable)

Options:
  --env <name>          environment from the nearest http-client.env.json and
                        http-client.private.env.json (default: only "$shared")
  --explain             on 412/428, ask the server for its current validators and
                        print the likely causes, most likely first, with evidence
  --no-probe            with --explain: explain from what was recorded, sending nothing
  --retry               on 412/428, Refresh & Retry: fetch the current ETag, resend
                        with it, and back off (250 ms, doubling) while it still fails
  --max-attempts <N>    resends Refresh & Retry may make after a 412 (1-10, default ${DEFAULT_MAX_ATTEMPTS})
  --force               let --retry resend methods that are not idempotent (POST, PATCH)
  --json                print one JSON array of results instead of the exchanges
  --no-store            neither read nor write .precondition-doctor/validators.json
  --show-secrets        print Authorization, Cookie, API key and token values as sent
                        (hidden as [redacted] by default)
  --bail                stop after the first request that does not succeed
  --timeout <ms>        limit for each request, headers and body (default ${DEFAULT_TIMEOUT_MS}; 0: none)
  --insecure            accept TLS certificates that don't verify (local servers only)
  -h, --help            show this help
  -v, --version         print the version

Environment files are looked up in the .http file's folder, then each parent up to
the root of its git repository (or the current directory, outside a repository).
Validators ({{$etag}}, {{$lastModified}}) are kept in .precondition-doctor/validators.json
beside the .http file.

Exit codes: 0 every response was 2xx/3xx; 1 a response was 4xx/5xx, or none came;
2 a usage error, or a request that could not be sent (parse or variable error).`;

const OPTIONS = {
  all: { type: 'boolean' },
  name: { type: 'string', multiple: true },
  line: { type: 'string', multiple: true },
  env: { type: 'string' },
  explain: { type: 'boolean' },
  'no-probe': { type: 'boolean' },
  retry: { type: 'boolean' },
  'max-attempts': { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  'no-store': { type: 'boolean' },
  'show-secrets': { type: 'boolean' },
  bail: { type: 'boolean' },
  timeout: { type: 'string' },
  insecure: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, file, ...extra] = positionals;
  if (command === undefined) return usageError('say what to do, e.g. precondition-doctor send requests.http --all');
  if (command !== 'send') return usageError(`unknown command '${command}': the only command is 'send'`);
  if (file === undefined) return usageError('send needs a .http file, e.g. precondition-doctor send requests.http --all');
  if (extra.length > 0) return usageError(`send takes one .http file; unexpected '${extra[0]}'`);

  const names = values.name ?? [];
  const lineTexts = values.line ?? [];
  if (values.all && (names.length > 0 || lineTexts.length > 0)) {
    return usageError('--all sends every request: use it without --name and --line');
  }
  const lines: number[] = [];
  for (const text of lineTexts) {
    const line = positiveInteger(text);
    if (line === undefined) return usageError(`--line ${text}: expected a line number counted from 1`);
    lines.push(line);
  }
  const maxAttempts = values['max-attempts'] === undefined ? DEFAULT_MAX_ATTEMPTS : positiveInteger(values['max-attempts']);
  if (maxAttempts === undefined || maxAttempts > 10) {
    return usageError(`--max-attempts ${values['max-attempts']}: expected a whole number from 1 to 10`);
  }
  const timeoutMs = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : nonNegativeInteger(values.timeout);
  if (timeoutMs === undefined) return usageError(`--timeout ${values.timeout}: expected milliseconds, e.g. --timeout 5000 (0: no limit)`);
  if (values.env !== undefined && values.env.trim() === '') return usageError('--env needs an environment name');

  return {
    kind: 'send',
    options: {
      file,
      all: values.all ?? false,
      names,
      lines,
      env: values.env,
      explain: values.explain ?? false,
      probe: !values['no-probe'],
      retry: values.retry ?? false,
      maxAttempts,
      force: values.force ?? false,
      json: values.json ?? false,
      store: !values['no-store'],
      showSecrets: values['show-secrets'] ?? false,
      bail: values.bail ?? false,
      timeoutMs,
      insecure: values.insecure ?? false,
    },
  };
}

function usageError(message: string): CliCommand {
  return { kind: 'usage-error', message };
}

/** node:util's messages explain its own API ("place it at the end after '--'"); ours name the flag and stop. */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const flag = /'(-[^' ]*)/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return flag && OPTIONS[flag.replace(/^-+/, '') as keyof typeof OPTIONS]?.type === 'string'
        ? `${flag} needs a value, e.g. ${flag}=value`
        : `${flag ?? 'an option'} takes no value`;
    default:
      return message ?? String(error);
  }
}

function positiveInteger(text: string): number | undefined {
  const value = nonNegativeInteger(text);
  return value === undefined || value === 0 ? undefined : value;
}

function nonNegativeInteger(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}
