import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Settings a repository's own .git/config could use to make git run a program. A cloned
 * repository's config is not the user's: `core.fsmonitor` names a command that even
 * `git check-ignore` and `git rev-parse` start (they read the index). Command-line `-c`
 * wins over every config file, so these turn it all off for the questions asked here.
 */
const NO_REPOSITORY_COMMANDS = [
  '-c', 'core.fsmonitor=false',
  // No hook can exist below a device file, on any platform.
  '-c', `core.hooksPath=${os.devNull}`,
];

/**
 * The environment without GIT_* variables: GIT_DIR, GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT
 * and friends would point git at another repository or add config behind the `-c` above.
 * GIT_OPTIONAL_LOCKS=0 keeps git from rewriting the index while it only answers a question.
 */
export function gitEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) if (!/^GIT_/i.test(name)) env[name] = value;
  env.GIT_OPTIONAL_LOCKS = '0';
  // Never prompt: there is nobody to answer, and the question would hang until the timeout.
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

/** Asks git itself, so every .gitignore, global excludes file and info/exclude is honoured. */
function run(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', [...NO_REPOSITORY_COMMANDS, ...args], { cwd, timeout: 5000, env: gitEnvironment(process.env) }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}

/**
 * Runs git, with the repository's commands turned off (see NO_REPOSITORY_COMMANDS). Call it
 * only for a trusted workspace: on Windows a git.exe inside the folder itself could be the
 * program found.
 */
export async function gitRoot(directory: string): Promise<string | undefined> {
  const result = await run(['rev-parse', '--show-toplevel'], directory);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/**
 * In a git work tree and not ignored. No git, or not a repository: nothing would be committed.
 * Runs git: only for a trusted workspace (see gitRoot).
 */
export async function wouldGitCommit(file: string): Promise<boolean> {
  const directory = path.dirname(file);
  if (!(await gitRoot(directory))) return false;
  const ignored = await run(['check-ignore', '-q', file], directory);
  return ignored.code === 1;
}
