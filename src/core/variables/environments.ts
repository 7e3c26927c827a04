import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDotenv } from './dotenv';

export type VariableMap = Record<string, string>;
/** `{ "$shared": {...}, "dev": {...} }`, the shape of both the setting and `http-client.env.json`. */
export type EnvironmentDocument = Record<string, Record<string, unknown>>;

export const SHARED_ENVIRONMENT = '$shared';
export const ENV_FILE = 'http-client.env.json';
export const PRIVATE_ENV_FILE = 'http-client.private.env.json';

export interface EnvironmentSources {
  /** The `preconditionDoctor.environments` setting. */
  setting?: EnvironmentDocument;
  envFile?: EnvironmentDocument;
  privateEnvFile?: EnvironmentDocument;
  /** Problems reading the files, for the log and the user: never fatal. */
  problems: string[];
  /** The files found, for display. */
  files: string[];
}

/** Environment names from every source, `$shared` excluded, in first-seen order. */
export function environmentNames(sources: EnvironmentSources): string[] {
  const names = new Set<string>();
  for (const document of [sources.setting, sources.envFile, sources.privateEnvFile]) {
    for (const name of Object.keys(document ?? {})) if (name !== SHARED_ENVIRONMENT) names.add(name);
  }
  return [...names];
}

/**
 * The variables of one environment. Later sources win: the setting, then the env file
 * next to the request, then its private twin; `$shared` sits under each named environment.
 */
export function environmentVariables(sources: EnvironmentSources, name: string | undefined): VariableMap {
  const merged: VariableMap = {};
  const documents = [sources.setting, sources.envFile, sources.privateEnvFile];
  for (const document of documents) assignStrings(merged, document?.[SHARED_ENVIRONMENT]);
  if (name && name !== SHARED_ENVIRONMENT) for (const document of documents) assignStrings(merged, document?.[name]);
  return merged;
}

/**
 * The names of `environmentVariables(sources, name)` whose value comes from the private env
 * file: its values are secrets, so outputs redact them wherever they appear.
 */
export function privateVariableNames(sources: EnvironmentSources, name: string | undefined): Set<string> {
  const fromPrivate = new Map<string, boolean>();
  const documents = [sources.setting, sources.envFile, sources.privateEnvFile];
  const mark = (values: Record<string, unknown> | undefined, isPrivate: boolean) => {
    if (!values || typeof values !== 'object') return;
    for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined) fromPrivate.set(key, isPrivate);
  };
  documents.forEach((document, index) => mark(document?.[SHARED_ENVIRONMENT], index === 2));
  if (name && name !== SHARED_ENVIRONMENT) documents.forEach((document, index) => mark(document?.[name], index === 2));
  return new Set([...fromPrivate].filter(([, isPrivate]) => isPrivate).map(([key]) => key));
}

function assignStrings(target: VariableMap, values: Record<string, unknown> | undefined): void {
  if (!values || typeof values !== 'object') return;
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    target[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * Reads the env files nearest to `httpFile`: its folder first, then each parent up to
 * `workspaceRoot` (inclusive). Each file is looked up on its own, as the JetBrains client does.
 */
export async function loadEnvironmentSources(
  httpFile: string,
  workspaceRoot: string | undefined,
  setting: EnvironmentDocument | undefined,
  /** False in an untrusted workspace: the private file holds secrets, so it is not read. */
  readPrivateFile = true,
): Promise<EnvironmentSources> {
  const sources: EnvironmentSources = { setting, problems: [], files: [] };
  const envPath = await findNearest(httpFile, workspaceRoot, ENV_FILE);
  const privatePath = readPrivateFile ? await findNearest(httpFile, workspaceRoot, PRIVATE_ENV_FILE) : undefined;
  if (envPath) sources.envFile = await readEnvironmentDocument(envPath, sources);
  if (privatePath) sources.privateEnvFile = await readEnvironmentDocument(privatePath, sources);
  return sources;
}

export async function loadDotenv(httpFile: string, workspaceRoot: string | undefined): Promise<VariableMap> {
  const file = await findNearest(httpFile, workspaceRoot, '.env');
  if (!file) return {};
  try {
    return parseDotenv(await fs.readFile(file, 'utf8'));
  } catch {
    return {};
  }
}

export async function findNearest(httpFile: string, workspaceRoot: string | undefined, fileName: string): Promise<string | undefined> {
  const stop = workspaceRoot ? path.resolve(workspaceRoot) : undefined;
  let directory = path.dirname(path.resolve(httpFile));
  for (;;) {
    const candidate = path.join(directory, fileName);
    if (await exists(candidate)) return candidate;
    const parent = path.dirname(directory);
    const outsideWorkspace = stop === undefined || !isInside(directory, stop) || directory === stop;
    if (parent === directory || outsideWorkspace) return undefined;
    directory = parent;
  }
}

function isInside(directory: string, root: string): boolean {
  const relative = path.relative(root, directory);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function readEnvironmentDocument(file: string, sources: EnvironmentSources): Promise<EnvironmentDocument | undefined> {
  sources.files.push(file);
  try {
    const parsed: unknown = JSON.parse(stripBom(await fs.readFile(file, 'utf8')));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as EnvironmentDocument;
    sources.problems.push(`${file}: expected an object of environments, e.g. { "dev": { "baseUrl": "…" } }`);
  } catch (error) {
    sources.problems.push(`${file}: not valid JSON (${withoutQuotedText((error as Error).message)}); its environments are ignored`);
  }
  return undefined;
}

/**
 * V8 quotes the text around a syntax error (`Unexpected token 'a', ..."token": abc-s3"... is
 * not valid JSON`): from a private env file that is a secret, and the problem goes to the log
 * and the CLI's stderr before any value of the file is known to be one. The position is enough.
 */
function withoutQuotedText(message: string): string {
  return message.replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, ' (the text there is not shown: it may hold secrets)');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
