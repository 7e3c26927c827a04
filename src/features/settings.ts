import * as vscode from 'vscode';
import { Settings } from '../ids';
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

/** VS Code's own proxy settings, with HTTP(S)_PROXY/NO_PROXY from the environment as the fallback. */
function readProxySettings(scope?: vscode.Uri) {
  const http = vscode.workspace.getConfiguration('http', scope);
  return {
    proxyUrl: http.get<string>('proxy') || undefined,
    noProxy: http.get<string[]>('noProxy', []),
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
    env: process.env,
  };
}

export function readMaxValidatorEntries(): number {
  return vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.validatorsMaxEntries, 5000);
}

export function readDiagnosisSettings(scope?: vscode.Uri) {
  const config = vscode.workspace.getConfiguration(Settings.section, scope);
  return {
    probe: config.get<'always' | 'never'>(Settings.diagnosisProbe, 'always'),
    maxAttempts: config.get<number>(Settings.retryMaxAttempts, 3),
    baseDelayMs: config.get<number>(Settings.retryBaseDelayMs, 250),
    redaction: {
      headers: config.get<string[]>(Settings.redactHeaders, []),
      queryParameters: config.get<string[]>(Settings.redactQueryParameters, []),
    },
  };
}
