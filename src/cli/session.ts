import { HttpClient } from '../core/http/client';
import { RedactionPolicy, SecretValues, type RedactionOptions } from '../core/redaction/redactionPolicy';
import { ExchangeHistory } from '../core/send/exchangeHistory';
import { RequestExecutor } from '../core/send/requestExecutor';
import { ValidatorStore } from '../core/validators/validatorStore';
import { ValidatorsFile } from './validatorsFile';

/** The objects one run shares, built once and closed once: the command line's composition root. */
export interface Session {
  client: HttpClient;
  validators: ValidatorStore;
  history: ExchangeHistory;
  executor: RequestExecutor;
  /** What stdout and --json hide: values from private env files, .env and the process environment, plus the rules by name. */
  redaction: RedactionPolicy;
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
}

export function createSession(options: SessionOptions): Session {
  const client = new HttpClient();
  const validators = new ValidatorStore({
    persistence: options.storeFile === undefined ? undefined : new ValidatorsFile(options.storeFile),
    log: options.warn,
    // Unref'd: a pending debounced save must not keep the process alive; close() flushes anyway.
    timer: {
      setTimeout: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  });
  const history = new ExchangeHistory();
  // The executor's log is the editor's output channel: one line per exchange, which stdout
  // already shows. Env file problems are reported once, up front (environment.ts).
  const secrets = new SecretValues();
  const executor = new RequestExecutor({ client, validators, history, log: () => undefined, secrets });
  return {
    client,
    validators,
    history,
    executor,
    redaction: options.showSecrets ? RedactionPolicy.revealing() : new RedactionPolicy(options.redact, secrets),
    async close() {
      await validators.flush();
      validators.dispose();
      history.dispose();
      await client.dispose();
    },
  };
}
