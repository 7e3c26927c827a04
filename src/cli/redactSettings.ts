import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RedactionOptions } from '../core/redaction/redactionPolicy';

const KEYS = { headers: 'preconditionDoctor.redact.headers', queryParameters: 'preconditionDoctor.redact.queryParameters', bodyFields: 'preconditionDoctor.redact.bodyFields' } as const;

/**
 * The workspace's `preconditionDoctor.redact.*` settings from `.vscode/settings.json`, so a
 * CI log hides the same names the editor's exports do. Missing or unreadable settings mean
 * the built-in rules only: redaction must never stop a run.
 */
export async function readRedactSettings(workspaceRoot: string): Promise<RedactionOptions> {
  const settings = await readSettingsFile(workspaceRoot);
  const options: RedactionOptions = {};
  for (const [option, key] of Object.entries(KEYS) as Array<[keyof RedactionOptions, string]>) {
    const value = settings[key];
    if (Array.isArray(value)) options[option] = value.filter((item): item is string => typeof item === 'string');
  }
  return options;
}

/**
 * `preconditionDoctor.validators.ignoredQueryParameters`, so a run keys the validators file as
 * the editor keys its store: one record per resource, whichever signed URL reached it.
 */
export async function readIgnoredQueryParameters(workspaceRoot: string): Promise<string[]> {
  const value = (await readSettingsFile(workspaceRoot))['preconditionDoctor.validators.ignoredQueryParameters'];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

async function readSettingsFile(workspaceRoot: string): Promise<Record<string, unknown>> {
  try {
    return parseJsonc(await fs.readFile(path.join(workspaceRoot, '.vscode', 'settings.json'), 'utf8'));
  } catch {
    return {};
  }
}

/** VS Code's settings files allow comments and trailing commas; strings are kept as they are. */
function parseJsonc(text: string): Record<string, unknown> {
  const stripped = text
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_comment, string: string | undefined) => string ?? '')
    .replace(/("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g, (match, string: string | undefined, closing: string | undefined) => string ?? closing ?? match);
  try {
    const parsed: unknown = JSON.parse(stripped);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
