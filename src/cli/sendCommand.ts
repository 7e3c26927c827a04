import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseHttpFile } from '../core/parser/parseHttpFile';
import type { ParsedRequest } from '../core/parser/types';
import type { ExecutorSettings, RequestSource } from '../core/send/requestExecutor';
import type { SendOptions } from './args';
import { checkEnvironment } from './environment';
import { explainFailure } from '../core/diagnosis/explainFailure';
import { isIdempotentMethod } from '../core/diagnosis/retryPolicy';
import { refreshAndRetryRequest } from '../core/send/refreshAndRetryRequest';
import { toJsonEntry } from './jsonOutput';
import { exitCodeOf, isPreconditionFailure, isSuccess, type RequestOutcome } from './outcome';
import { readIgnoredQueryParameters, readRedactSettings } from './redactSettings';
import { selectRequests } from './selection';
import { createSession, type Session } from './session';
import { formatOutcome } from './textOutput';
import { validatorsFilePath } from './validatorsFile';
import { findWorkspaceRoot } from './workspaceRoot';
import { CLI_OPTION_WORDING } from './optionWording';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** The first retry waits about this long (jittered), each next one twice as long. */
export const RETRY_BASE_DELAY_MS = 250;

/** Responses larger than this are cut off with a note, as with the editor's default. */
const MAX_RESPONSE_BODY_BYTES = 5 * 1024 * 1024;

/** `precondition-doctor send`: returns the exit code. */
export async function runSend(options: SendOptions, io: CliIo): Promise<number> {
  const warn = (message: string) => io.stderr(`precondition-doctor: warning: ${message}\n`);
  const fail = (message: string) => {
    io.stderr(`precondition-doctor: ${message}\n`);
    return 2;
  };
  const filePath = path.resolve(io.cwd, options.file);
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    return fail(`can't read ${options.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const parsed = parseHttpFile(text);
  const selection = selectRequests(parsed, options, options.file);
  if ('error' in selection) return fail(selection.error);

  const workspaceRoot = findWorkspaceRoot(filePath, io.cwd);
  const environment = await checkEnvironment(filePath, workspaceRoot, options.env, io.cwd);
  environment.warnings.forEach(warn);
  if (!environment.ok) return fail(environment.message);

  const redact = await readRedactSettings(workspaceRoot);
  const ignoredQueryParameters = await readIgnoredQueryParameters(workspaceRoot);
  const session = createSession({ storeFile: options.store ? validatorsFilePath(filePath) : undefined, warn, showSecrets: options.showSecrets, redact, ignoredQueryParameters });
  const source: RequestSource = { documentKey: filePath, filePath, workspaceRoot, parsed };
  const settings: ExecutorSettings = {
    timeoutMs: options.timeoutMs,
    maxResponseBodyBytes: MAX_RESPONSE_BODY_BYTES,
    followRedirects: false,
    rejectUnauthorized: !options.insecure,
    // Whoever runs the command chose the file: .env and the process environment are as trusted as in a trusted workspace.
    trustedWorkspace: true,
    // Error sentences name --timeout and --insecure, not the editor's settings.
    wording: CLI_OPTION_WORDING,
  };
  const outcomes: RequestOutcome[] = [];
  let printedExchange = false;
  try {
    for (const request of selection.requests) {
      const outcome = await runRequest(session, source, request, options, settings);
      outcomes.push(outcome);
      // Printed as each request finishes, so a slow or hanging request shows where the run is.
      const record = session.validators.get(outcome.initial.url);
      const printed = formatOutcome(outcome, { fileLabel: options.file, redaction: session.redaction, record });
      if (!options.json && printed.stdout) {
        io.stdout(`${printedExchange ? '\n' : ''}${printed.stdout}`);
        printedExchange = true;
      }
      if (printed.stderr) io.stderr(`${printed.stderr}\n`);
      if (options.bail && (outcome.unsendable || !isSuccess(outcome.final))) break;
    }
  } finally {
    await session.close();
  }
  if (options.json) io.stdout(`${JSON.stringify(outcomes.map((o) => toJsonEntry(o, options.file, session.redaction)), null, 2)}\n`);
  return exitCodeOf(outcomes);
}

async function runRequest(
  session: Session,
  source: RequestSource,
  request: ParsedRequest,
  options: SendOptions,
  settings: ExecutorSettings,
): Promise<RequestOutcome> {
  const initial = await session.executor.execute(source, request, options.env, settings);
  const outcome: RequestOutcome = { request, initial, final: initial, unsendable: isUnsendable(initial) };
  if (!isPreconditionFailure(initial)) return outcome;
  if (options.explain) outcome.diagnosis = (await explainFailure(session, initial, { ...settings, probe: options.probe })).diagnosis;
  if (options.retry) {
    const method = request.requestLine.method.text;
    // The editor asks before retrying a method that isn't idempotent; a CI job can't be asked, so it takes --force.
    if (!isIdempotentMethod(method) && !options.force) {
      outcome.retryRefused = `not retrying ${method}: it is not idempotent, so a retry may apply it twice; pass --force to retry anyway`;
      return outcome;
    }
    const retried = await refreshAndRetryRequest(
      session,
      { source, request, environmentName: options.env, settings, failed: initial },
      { maxAttempts: options.maxAttempts, baseDelayMs: RETRY_BASE_DELAY_MS },
    );
    if ('error' in retried) {
      outcome.retryRefused = retried.error;
    } else {
      outcome.retry = retried;
      if (retried.attempts.length > 0) outcome.final = retried.final;
    }
  }
  return outcome;
}

/**
 * The executor reports a request it could not build as status 0 with the parser's and
 * resolver's messages, which always start with "line N:" (ParseProblem); a network failure
 * has a status 0 too, but its sentence never starts that way.
 */
function isUnsendable(result: { status: number; error?: string }): boolean {
  return result.status === 0 && /^line \d+: /.test(result.error ?? '');
}
