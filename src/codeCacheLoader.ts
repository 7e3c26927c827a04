// dist/extension.js, the file VS Code loads: it loads the extension itself (dist/main.js,
// built from src/extension.ts) through V8's code cache. Parsing and compiling the
// extension's code was most of what loading it cost: 8 ms on our 2-core machines, against
// about 1.5 ms from the cache (the bench's activation windows load it in 3–5 ms in all). No `vscode` import here, and nothing else:
// this file's own parse must stay negligible.
import { promises as fs, readFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

interface ExtensionModule {
  activate(context: { globalStorageUri: { scheme: string; fsPath: string } }): unknown;
  deactivate?(): unknown;
}

const MAIN = path.join(__dirname, 'main.js');

let loaded: ExtensionModule | undefined;

export function activate(context: { globalStorageUri: { scheme: string; fsPath: string } }): unknown {
  const cacheFile = context.globalStorageUri.scheme === 'file' ? path.join(context.globalStorageUri.fsPath, 'code-cache', `main-${process.version}.bin`) : undefined;
  loaded = loadWithCodeCache(MAIN, cacheFile);
  return loaded.activate(context);
}

export function deactivate(): unknown {
  return loaded?.deactivate?.();
}

/**
 * require(file), except that the compiled code comes from `cacheFile` when V8 accepts it (it
 * checks the source, its own version and flags, and rejects anything else, so a stale or
 * foreign cache only costs the normal compile). A missing or rejected cache is written anew
 * right after activation, when the functions activation ran are compiled and go in with it.
 */
function loadWithCodeCache(file: string, cacheFile: string | undefined): ExtensionModule {
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file, require.main ?? undefined);
  module.filename = file;
  // The paths and require of a module loaded from `file`: VS Code answers require('vscode') by the requiring file's path.
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const requireFromFile = Module.createRequire(file);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, requireFromFile, module, file, path.dirname(file));
  module.loaded = true;
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    setImmediate(() => void writeCache(cacheFile, script));
  }
  return module.exports as ExtensionModule;
}

/** Best effort: without a cache the next activation only compiles as usual. */
async function writeCache(cacheFile: string, script: vm.Script): Promise<void> {
  try {
    await fs.mkdir(path.dirname(cacheFile), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    await fs.writeFile(temporary, script.createCachedData());
    await fs.rename(temporary, cacheFile);
  } catch {
    // a read-only or full disk: the cache is an optimisation, never a requirement
  }
}
