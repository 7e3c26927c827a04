// What the benchmark runs: the core bundled straight from src/ with esbuild (no tsc,
// no out/), and the production build of the extension made by scripts/build.mjs in a
// scratch folder, so the shared dist/ of the working tree is never overwritten.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

/** Everything the cases import from our core. */
const CORE_EXPORTS = `
export { parseHttpFile } from './src/core/parser/parseHttpFile';
export { ParseCache } from './src/core/parser/parseCache';
export { lintHttpFile } from './src/core/lint/lintHttpFile';
export { HttpClient } from './src/core/http/client';
export { RequestExecutor } from './src/core/send/requestExecutor';
export { RequestPath } from './src/core/send/requestPath';
export { RedactionPolicy } from './src/core/redaction/redactionPolicy';
export { ExchangeHistory } from './src/core/send/exchangeHistory';
export { ValidatorStore } from './src/core/validators/validatorStore';
export { ValidatorCodec } from './src/core/validators/persistedValidators';
// The inputs the unit suite runs without a clock; the bench times them (cases/linear.mjs).
export { PATHOLOGICAL_INPUTS, BASE_SIZE, GROWTH } from './test/unit/fuzz/pathologicalInputs';
`;

/**
 * A scratch folder under node_modules/.cache (ignored by git, and inside the repo so
 * `undici` resolves to the very copy the raw baseline imports).
 */
export function scratchDir(repoRoot) {
  const dir = path.join(repoRoot, 'node_modules', '.cache', 'precondition-doctor-bench', String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function loadCore(repoRoot, scratch) {
  // CommonJS: the core loads undici with a lazy require() (src/core/http/undiciModule.ts).
  const outfile = path.join(scratch, 'core.cjs');
  await esbuild.build({
    stdin: { contents: CORE_EXPORTS, resolveDir: repoRoot, loader: 'ts', sourcefile: 'bench-core.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    // The same undici module the raw baseline uses: one copy, one JIT history.
    external: ['undici', 'vscode'],
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/**
 * Runs `node scripts/build.mjs --production` with a scratch folder as its working
 * directory (its `src` a link to ours), which writes dist/ there instead of in the repo.
 * @returns {{ dist: string, extensionDir: string }}
 */
export function productionBuild(repoRoot, scratch) {
  const extensionDir = path.join(scratch, 'extension');
  fs.mkdirSync(extensionDir, { recursive: true });
  // Enough of the extension folder for VS Code to load it (activation case) and for the build to run.
  for (const name of ['src', 'media', 'syntaxes', 'language-configuration.json', 'package.json', 'node_modules']) {
    const target = path.join(extensionDir, name);
    if (!fs.existsSync(target) && fs.existsSync(path.join(repoRoot, name))) fs.symlinkSync(path.join(repoRoot, name), target);
  }
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--production'], {
    cwd: extensionDir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`scripts/build.mjs --production failed:\n${result.stdout}${result.stderr}`);
  return { dist: path.join(extensionDir, 'dist'), extensionDir };
}
