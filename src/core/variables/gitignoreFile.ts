import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface GitignoreUpdate {
  file: string;
  outcome: 'created' | 'appended' | 'already-listed';
}

/**
 * Adds `entry` as a line of `<root>/.gitignore`. Only a file that does not exist counts as
 * empty: any other read error (a directory in its place, no permission, a disk error) is
 * thrown with the file and the reason, and nothing is written, since writing would replace
 * rules the user has. Existing text is appended to, never rewritten.
 */
export async function appendToGitignore(root: string, entry: string): Promise<GitignoreUpdate> {
  const file = path.join(root, '.gitignore');
  let current: string | undefined;
  try {
    current = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`Could not add ${entry} to ${file}: it could not be read (${(error as Error).message}). Nothing was written.`);
    }
  }
  if (current === undefined) {
    // 'wx': if a .gitignore appeared since the read, fail rather than replace it.
    await writeOrExplain(file, entry, () => fs.writeFile(file, `${entry}\n`, { flag: 'wx' }));
    return { file, outcome: 'created' };
  }
  if (listsEntry(current, entry)) return { file, outcome: 'already-listed' };
  const newline = current.includes('\r\n') ? '\r\n' : '\n';
  const separator = current === '' || current.endsWith('\n') ? '' : newline;
  await writeOrExplain(file, entry, () => fs.appendFile(file, `${separator}${entry}${newline}`));
  return { file, outcome: 'appended' };
}

/** `entry` or `/entry` on a line of its own (surrounding blanks don't count). */
function listsEntry(text: string, entry: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const rule = line.trim();
    return rule === entry || rule === `/${entry}`;
  });
}

async function writeOrExplain(file: string, entry: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new Error(`Could not add ${entry} to ${file}: ${(error as Error).message}.`);
  }
}
