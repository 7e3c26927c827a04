import * as vscode from 'vscode';
import { Settings } from '../ids';
import { RedactionPolicy, type RedactionOptions, type SecretValues } from '../core/redaction/redactionPolicy';
import type { ExecutorSettings } from '../core/send/requestExecutor';
import type { EnvironmentDocument } from '../core/variables/environments';
import { EDITOR_OPTION_WORDING } from './optionWording';

export function readExecutorSettings(scope?: vscode.Uri): ExecutorSettings {
  const config = vscode.workspace.getConfiguration(Settings.section, scope);
  return {
    environments: config.get<EnvironmentDocument>(Settings.environments),
    timeoutMs: config.get<number>(Settings.timeoutMs, 30000),
    maxResponseBodyBytes: config.get<number>(Settings.maxResponseBodyBytes, 5 * 1024 * 1024),
    followRedirects: config.get<boolean>(Settings.followRedirects, false),
    rejectUnauthorized: config.get<boolean>(Settings.rejectUnauthorized, true),
    trustedWorkspace: vscode.workspace.isTrusted,
    proxy: readProxySettings(scope),
    wording: EDITOR_OPTION_WORDING,
  };
}

/**
 * VS Code's own proxy settings, with HTTP(S)_PROXY/NO_PROXY from the environment as the fallback.
 * In restricted mode only the user's values count: a workspace's http.proxy would route every
 * request through a host the repository names, and its http.proxyStrictSSL would stop checking
 * that proxy's certificate. VS Code ignores workspace values of these machine-level settings
 * today; reading the user's own keeps that true on any host.
 */
function readProxySettings(scope?: vscode.Uri) {
  const http = vscode.workspace.getConfiguration('http', scope);
  const read = <T>(key: string, fallback: T): T => (vscode.workspace.isTrusted ? http.get<T>(key, fallback) : userValue(http, key, fallback));
  return {
    proxyUrl: read<string>('proxy', '') || undefined,
    noProxy: read<string[]>('noProxy', []),
    strictSSL: read<boolean>('proxyStrictSSL', true),
    env: process.env,
  };
}

function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function readMaxValidatorEntries(): number {
  return vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.validatorsMaxEntries, 5000);
}

/** `preconditionDoctor.validators.ignoredQueryParameters`: names a store key leaves out (signingParameters.ts). */
export function readIgnoredQueryParameters(): string[] {
  const value = vscode.workspace.getConfiguration(Settings.section).get<unknown>(Settings.validatorsIgnoredQueryParameters, []);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function readDiagnosisSettings(scope?: vscode.Uri) {
  const config = vscode.workspace.getConfiguration(Settings.section, scope);
  return {
    probe: config.get<'always' | 'never'>(Settings.diagnosisProbe, 'always'),
    maxAttempts: config.get<number>(Settings.retryMaxAttempts, 3),
    baseDelayMs: config.get<number>(Settings.retryBaseDelayMs, 250),
  };
}

export function readRedactionOptions(scope?: vscode.Uri): RedactionOptions {
  const config = vscode.workspace.getConfiguration(Settings.section, scope);
  return {
    headers: config.get<string[]>(Settings.redactHeaders, []),
    queryParameters: config.get<string[]>(Settings.redactQueryParameters, []),
    bodyFields: config.get<string[]>(Settings.redactBodyFields, []),
  };
}

/** The redaction policy for an output about a document (its folder's settings), or for the log (the window's). */
export type RedactionFor = (scope?: vscode.Uri) => RedactionPolicy;

/** Built once in activate: every policy shares the one set of secret values the executor fills. */
export function redactionFor(secrets: SecretValues): RedactionFor {
  return (scope) => new RedactionPolicy(readRedactionOptions(scope), secrets);
}
