import type { HttpClientOptions, SendResult } from '../http/types';
import type { ParsedHttpFile, ParsedRequest } from '../parser/types';
import { environmentVariables, loadDotenv, loadEnvironmentSources, privateVariableNames, type EnvironmentDocument } from '../variables/environments';
import { createResolutionScope, resolveRequestInScope, type ResolutionScope } from '../variables/resolveRequest';
import type { ReferenceContext } from '../variables/resolveReference';
import type { ValidatorStore } from '../validators/validatorStore';
import { RedactionPolicy, type SecretValues } from '../redaction/redactionPolicy';
import { readBodyFile } from './bodyFiles';
import type { ExchangeHistory } from './exchangeHistory';
import type { RequestPath, RequestPurpose } from './requestPath';

export interface ExecutorSettings extends HttpClientOptions {
  environments?: EnvironmentDocument;
  /** False in untrusted workspaces: no .env, no process environment. */
  trustedWorkspace: boolean;
}

export interface RequestSource {
  /** Stable id of the document (a URI string or a path). */
  documentKey: string;
  /** Absolute path of the .http file on disk, when it has one: env files and body files are found from it. */
  filePath?: string;
  workspaceRoot?: string;
  parsed: ParsedHttpFile;
}

export interface ExecutorDependencies {
  /** The trust gate, the log and the client: the executor sends nothing any other way. */
  path: RequestPath;
  validators: ValidatorStore;
  history: ExchangeHistory;
  log: (message: string) => void;
  now?: () => Date;
  random?: () => number;
  processEnv?: Record<string, string | undefined>;
  /**
   * The composition root's set of secret values: every value a request took from the private
   * env file, .env or the process environment is added as the request is resolved, so every
   * output redacts it wherever it appears.
   */
  secrets?: SecretValues;
  /** The policy for the log line of a request that could not be built (the path logs the sent ones); the built-in rules when absent. */
  redaction?: () => RedactionPolicy;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Replace (or add) these headers after resolving: Refresh & Retry's fresh preconditions. */
  headerOverrides?: Array<[string, string]>;
  /** 'send' unless said otherwise. */
  purpose?: RequestPurpose;
}

/** What a file-less document's resolution scope is made from, compared by identity. */
type ScopeInputs = [ParsedHttpFile, string, string | undefined, EnvironmentDocument | undefined, boolean];

/**
 * The whole path from a parsed request to a recorded result: environment, variables,
 * send, validators, history. The editor and the command line both drive it.
 */
export class RequestExecutor {
  private lastScopeWithoutFiles: { inputs: ScopeInputs; scope: ResolutionScope } | undefined;

  constructor(private readonly deps: ExecutorDependencies) {}

  async execute(
    source: RequestSource,
    request: ParsedRequest,
    environmentName: string | undefined,
    settings: ExecutorSettings,
    options: ExecuteOptions = {},
  ): Promise<SendResult> {
    const started = Date.now();
    const { signal, headerOverrides = [], purpose = 'send' } = options;
    const resolved = await this.resolve(source, request, environmentName, settings);
    let result: SendResult;
    if (!resolved.ok) {
      result = unsendable(resolved.method, resolved.url, resolved.errors.map((e) => e.message).join('\n'), Date.now() - started);
      this.deps.log(`not sent: ${this.redaction().text(result.error ?? '')}`);
    } else {
      resolved.request.headers = withHeaders(resolved.request.headers, headerOverrides);
      result = await this.deps.path.send(purpose, resolved.request, signal ? { ...settings, signal } : settings);
      // Remembers which tag the file sent, so the Validators view can flag a resource that changed since.
      const sentTag = result.requestHeaders['if-match'];
      if (sentTag) this.deps.validators.markUsed(result.url, sentTag);
    }
    this.deps.history.record({
      documentKey: source.documentKey,
      requestName: request.name,
      requestLine: request.requestLine.span.line,
      result,
      at: (this.deps.now ?? (() => new Date()))(),
    });
    return result;
  }

  async resolve(source: RequestSource, request: ParsedRequest, environmentName: string | undefined, settings: ExecutorSettings) {
    const resolved = await this.resolveVariables(source, request, environmentName, settings);
    // Before anything is sent or shown: from here on every output redacts these values.
    for (const value of resolved.secretValues) this.deps.secrets?.add(value);
    return resolved;
  }

  private async resolveVariables(source: RequestSource, request: ParsedRequest, environmentName: string | undefined, settings: ExecutorSettings) {
    const { filePath } = source;
    if (!filePath) return resolveRequestInScope(request, this.scopeWithoutFiles(source, environmentName, settings));
    const context = await this.referenceContext(source, environmentName, settings);
    const access = { restricted: !settings.trustedWorkspace, workspaceRoot: source.workspaceRoot };
    return resolveRequestInScope(request, createResolutionScope(source.parsed, context), (relative) => readBodyFile(filePath, relative, access));
  }

  private redaction(): RedactionPolicy {
    return this.deps.redaction?.() ?? new RedactionPolicy({}, this.deps.secrets);
  }

  /** What `{{…}}` can see for this document right now: lints and sends share it. */
  async referenceContext(source: RequestSource, environmentName: string | undefined, settings: ExecutorSettings): Promise<ReferenceContext> {
    const { filePath, workspaceRoot } = source;
    if (!filePath) return this.scopeWithoutFiles(source, environmentName, settings).context;
    const sources = await loadEnvironmentSources(filePath, workspaceRoot, settings.environments, settings.trustedWorkspace);
    for (const problem of sources.problems) this.deps.log(problem);
    const dotenv = settings.trustedWorkspace ? await loadDotenv(filePath, workspaceRoot) : {};
    const context = this.buildContext(source, environmentName, settings, environmentVariables(sources, environmentName), dotenv);
    return { ...context, privateNames: privateVariableNames(sources, environmentName) };
  }

  /**
   * A document with no file (untitled, or the benchmark's) sees only the settings' environments,
   * so its scope changes only with them: rebuilt when one of its inputs is a different object,
   * not on every request of a Send All.
   */
  private scopeWithoutFiles(source: RequestSource, environmentName: string | undefined, settings: ExecutorSettings): ResolutionScope {
    const inputs: ScopeInputs = [source.parsed, source.documentKey, environmentName, settings.environments, settings.trustedWorkspace];
    const last = this.lastScopeWithoutFiles;
    if (last && last.inputs.every((input, index) => input === inputs[index])) return last.scope;
    const environment = environmentVariables({ setting: settings.environments, problems: [], files: [] }, environmentName);
    const scope = createResolutionScope(source.parsed, this.buildContext(source, environmentName, settings, environment, {}));
    this.lastScopeWithoutFiles = { inputs, scope };
    return scope;
  }

  private buildContext(
    source: RequestSource,
    environmentName: string | undefined,
    settings: ExecutorSettings,
    environment: Record<string, string>,
    dotenv: Record<string, string>,
  ): ReferenceContext {
    const processEnv = settings.trustedWorkspace ? this.deps.processEnv ?? process.env : {};
    const requestNames = new Set(source.parsed.requests.map((r) => r.name).filter((n): n is string => !!n));
    return {
      environment,
      environmentName,
      requestNames,
      namedExchange: (name) => this.deps.history.namedExchange(source.documentKey, name),
      validators: this.deps.validators,
      now: this.deps.now ?? (() => new Date()),
      random: this.deps.random ?? Math.random,
      processEnv,
      dotenv,
      lookupEnvironment: (name) => environment[name],
      restricted: !settings.trustedWorkspace,
    };
  }
}

/**
 * Sets each override header, replacing a header of the same name (any case) where the
 * request has one, so Refresh & Retry sends the fresh tag exactly once.
 */
export function withHeaders(headers: Array<[string, string]>, overrides: Array<[string, string]>): Array<[string, string]> {
  let result = headers;
  for (const [name, value] of overrides) {
    const lower = name.toLowerCase();
    const index = result.findIndex(([existing]) => existing.toLowerCase() === lower);
    result = index >= 0 ? result.map((header, i) => (i === index ? [header[0], value] : header)) : [...result, [name, value]];
  }
  return result;
}

export function unsendable(method: string, url: string, error: string, durationMs: number): SendResult {
  return { method, url, requestHeaders: {}, status: 0, statusText: '', responseHeaders: {}, bodyText: '', durationMs, error };
}
