import * as path from 'node:path';
import { environmentNames, loadEnvironmentSources } from '../core/variables/environments';

export type EnvironmentCheck = { ok: true; warnings: string[] } | { ok: false; message: string; warnings: string[] };

/**
 * Reads the env files once before anything is sent, so a misspelt `--env` stops the run
 * (exit 2) instead of failing every request with "variable is not defined". The executor
 * reads the same files again for each request, exactly as in the editor.
 */
export async function checkEnvironment(httpFile: string, workspaceRoot: string, name: string | undefined, cwd: string): Promise<EnvironmentCheck> {
  const sources = await loadEnvironmentSources(httpFile, workspaceRoot, undefined);
  const warnings = [...sources.problems];
  if (name === undefined) return { ok: true, warnings };
  const names = environmentNames(sources);
  if (names.includes(name)) return { ok: true, warnings };
  const files = sources.files.map((file) => path.relative(cwd, file) || file);
  const message =
    files.length === 0
      ? `--env ${name}: no http-client.env.json or http-client.private.env.json found from ${path.relative(cwd, path.dirname(httpFile)) || '.'} up to ${workspaceRoot}`
      : `--env ${name}: no such environment in ${files.join(' or ')}; ${names.length > 0 ? `choose one of: ${names.join(', ')}` : 'they define none'}`;
  return { ok: false, message, warnings };
}
