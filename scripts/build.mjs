// Bundles the extension (and the demo API) with esbuild. Type checking is a separate
// step (`npm run typecheck`) so the bundle stays fast to rebuild.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

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
 * first request. Parsing dist/extension.js is on every activation's path; this is not.
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
 * load time. Routing every import through one module that re-exports the API does that
 * copy once.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * Code only a command needs (src/lazy/*.ts, each re-exporting what its commands use): every
 * one becomes dist/<name>.js, and the extension's require('./lazy/<name>') reads that file on
 * first use (src/core/lazy/onFirstUse.ts) instead of carrying the code in its own bundle.
 */
const LAZY_MODULES = ['diagnosis', 'demoServer', 'network'];
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
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyModulesBesideTheBundle, undiciBesideTheBundle, oneVscodeNamespace] },
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
