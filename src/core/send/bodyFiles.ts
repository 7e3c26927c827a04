import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface BodyFileAccess {
  /** True in an untrusted workspace: a body file must then lie inside `workspaceRoot`. */
  restricted: boolean;
  workspaceRoot?: string;
}

/**
 * Reads the file of a `< ./file` body, relative to the .http file's folder. In restricted
 * mode a .http file may have been written by anyone, and `< ~/.ssh/id_rsa` would send that
 * key to whatever URL it names: only files inside the workspace folder are read there,
 * decided after symbolic links are followed, since a link committed into the folder can
 * point anywhere.
 */
export async function readBodyFile(httpFile: string, relative: string, access: BodyFileAccess): Promise<Uint8Array> {
  const target = path.isAbsolute(relative) ? relative : path.resolve(path.dirname(httpFile), relative);
  if (!access.restricted) return fs.readFile(target);
  if (!access.workspaceRoot) {
    throw new Error(`there is no workspace folder, and an untrusted workspace may only read body files inside its folder. ${TRUST_HINT}`);
  }
  const [root, resolved] = await Promise.all([fs.realpath(access.workspaceRoot), fs.realpath(target)]);
  if (!isInside(root, resolved)) {
    const via = resolved === path.resolve(target) ? '' : ` (it leads to ${resolved})`;
    throw new Error(`it is outside the workspace folder${via}, and an untrusted workspace may only read files inside it. ${TRUST_HINT}`);
  }
  // Reads the path that was checked, so the link that was checked is not followed a second time.
  return fs.readFile(resolved);
}

const TRUST_HINT = 'Trust the workspace to send it.';

/** Both paths already resolved; path.relative compares without case where the platform does. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`));
}
