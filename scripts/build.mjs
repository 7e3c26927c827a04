// Bundles the extension (and the demo API) with esbuild. Type checking is a separate
// step (`npm run typecheck`) so the bundle stays fast to rebuild.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

/**
 * undici is three quarters of the extension's code and only a request needs it, so it gets
 * a file of its own: dist/undici.js, which src/core/http/undiciModule.ts require()s on the
 * first request. Parsing dist/main.js is on every activation's path; this is not.
 */
const undiciBesideTheBundle = {
  name: 'undici-beside-the-bundle',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * `import * as vscode from 'vscode'` makes esbuild copy the whole API object into a fresh
 * namespace (a getter per property, a few hundred of them) once per importing file, at
 * load time. Instead every import resolves to one module that binds each name the API
 * declares (read from @types/vscode) to a plain variable, which esbuild then references
 * directly: no namespace object, no copy. A name missing from that list would be
 * undefined at run time, so the build fails on it (`import-is-undefined` below).
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-names' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-names' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-names' }, () => {
      const typings = readFileSync(path.join('node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
      const names = [...typings.matchAll(/^\texport (?:declare )?(?:class|enum|namespace|const) (\w+)/gm)].map((match) => match[1]);
      return { contents: `const api = require('vscode');\nexport const { ${[...new Set(names)].join(', ')} } = api;\n`, loader: 'js' };
    });
  },
};

/**
 * Code only a command needs (src/lazy/*.ts, each re-exporting what its commands use): every
 * one becomes dist/<name>.js, and the extension's require('./lazy/<name>') reads that file on
 * first use (src/core/lazy/onFirstUse.ts) instead of carrying the code in its own bundle.
 */
const LAZY_MODULES = ['commands', 'diagnosis', 'demoServer', 'network'];
const lazyModulesBesideTheBundle = {
  name: 'lazy-modules-beside-the-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/lazy\/[\w-]+$/ }, (args) => {
      const name = args.path.slice('./lazy/'.length);
      if (args.kind !== 'require-call' || !LAZY_MODULES.includes(name)) return undefined;
      return { path: `./${name}.js`, external: true };
    });
  },
};

const builds = [
  // dist/extension.js (the manifest's main) only loads dist/main.js through V8's code cache (src/codeCacheLoader.ts).
  { ...common, entryPoints: ['src/codeCacheLoader.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/main.js', plugins: [lazyModulesBesideTheBundle, undiciBesideTheBundle, oneVscodeNamespace], logOverride: { 'import-is-undefined': 'error' } },
  { ...common, stdin: { contents: "module.exports = require('undici');", resolveDir: '.', sourcefile: 'undici-entry.js' }, outfile: 'dist/undici.js' },
  ...LAZY_MODULES.map((name) => ({ ...common, entryPoints: [`src/lazy/${name}.ts`], outfile: `dist/${name}.js`, external: ['vscode'], plugins: [undiciBesideTheBundle] })),
];
if (existsSync('src/demo/main.ts')) builds.push({ ...common, entryPoints: ['src/demo/main.ts'], outfile: 'dist/demo.js' });
if (existsSync('src/cli/main.ts')) {
  builds.push({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
