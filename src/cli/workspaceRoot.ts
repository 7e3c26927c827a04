import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Where the search for env files stops, playing the part of the editor's workspace folder:
 * the git repository that holds the .http file (what a workspace folder usually is), else
 * the working directory when the file is inside it, else the file's own folder.
 */
export function findWorkspaceRoot(httpFile: string, cwd: string): string {
  const fileFolder = path.dirname(path.resolve(httpFile));
  for (let folder = fileFolder; ; folder = path.dirname(folder)) {
    // `.git` is a folder in a clone and a file in a worktree or submodule.
    if (existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) break;
  }
  const relative = path.relative(path.resolve(cwd), fileFolder);
  const insideCwd = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  return insideCwd ? path.resolve(cwd) : fileFolder;
}
