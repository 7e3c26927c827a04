import { HttpClient } from '../core/http/client';
import { RedactionPolicy, SecretValues, type RedactionOptions } from '../core/redaction/redactionPolicy';
import { ExchangeHistory } from '../core/send/exchangeHistory';
import { RequestExecutor } from '../core/send/requestExecutor';
import { RequestPath } from '../core/send/requestPath';
import { ServerProbes } from '../core/send/serverProbes';
import { ValidatorStore } from '../core/validators/validatorStore';
import { ValidatorsFile } from './validatorsFile';

/** The objects one run shares, built once and closed once: the command line's composition root. */
export interface Session {
  /** Every request of the run leaves through it; nothing else holds the HTTP client. */
  path: RequestPath;
  validators: ValidatorStore;
  history: ExchangeHistory;
  executor: RequestExecutor;
  /** What stdout and --json hide: values from private env files, .env and the process environment, plus the rules by name. */
  redaction: RedactionPolicy;
  probes: ServerProbes;
  /** Writes the validators (if anything changed) and closes every connection, so the process can exit. */
  close(): Promise<void>;
}

export interface SessionOptions {
  storeFile?: string;
  warn: (message: string) => void;
  /** --show-secrets: print everything as sent. */
  showSecrets?: boolean;
  /** The workspace's `preconditionDoctor.redact.*` settings, so CI output hides what the editor hides. */
  redact?: RedactionOptions;
  /** The workspace's `preconditionDoctor.validators.ignoredQueryParameters`. */
  ignoredQueryParameters?: readonly string[];
}

export function createSession(options: SessionOptions): Session {
  const client = new HttpClient();
  const validators = new ValidatorStore({
    persistence: options.storeFile === undefined ? undefined : new ValidatorsFile(options.storeFile),
    log: options.warn,
    ignoredQueryParameters: options.ignoredQueryParameters,
    // Unref'd: a pending debounced save must not keep the process alive; close() flushes anyway.
    timer: {
      setTimeout: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  });
  const history = new ExchangeHistory();
  // The log is the editor's output channel: one line per exchange, which stdout already shows.
  // No trust gate: whoever runs the command chose the file. Env file problems are reported
  // once, up front (environment.ts).
  const secrets = new SecretValues();
  const redaction = options.showSecrets ? RedactionPolicy.revealing() : new RedactionPolicy(options.redact, secrets);
  const path = new RequestPath({ client, validators, log: () => undefined, redaction: () => redaction });
  const executor = new RequestExecutor({ path, validators, history, log: () => undefined, secrets });
  const probes = new ServerProbes({ path, executor, history, keyOf: (url) => validators.keyOf(url) });
  return {
    path,
    validators,
    history,
    executor,
    redaction,
    probes,
    async close() {
      await validators.flush();
      validators.dispose();
      history.dispose();
      await client.dispose();
    },
  };
}
