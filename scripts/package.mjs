// `npm run package`: a production bundle, then the .vsix. The extension has no public
// repository to serve images from, so the packaged README carries its screenshots as
// data: URIs (the Extensions page's README allows `img-src data:`). vsce's check that
// images come from HTTPS runs only while it rewrites relative links, hence
// --no-rewrite-relative-links: there are no relative image links left to rewrite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, ['scripts/build.mjs', '--production']);
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const packaged = readme.replace(/!\[([^\]]*)\]\(([^)\s]+\.png)\)/g, (_match, alt, target) => {
  const data = fs.readFileSync(path.join(repoRoot, target)).toString('base64');
  return `![${alt}](data:image/png;base64,${data})`;
});
if (/!\[[^\]]*\]\((?!data:)/.test(packaged)) throw new Error('README.md links an image that is not a PNG under media/: it would be broken on the Extensions page');
const packagedReadme = path.join(repoRoot, 'dist', 'README.package.md');
fs.writeFileSync(packagedReadme, packaged);
const outIndex = process.argv.findIndex((arg) => arg === '--out' || arg === '-o');
if (outIndex > 0 && process.argv[outIndex + 1]) fs.mkdirSync(path.dirname(path.resolve(repoRoot, process.argv[outIndex + 1])), { recursive: true });
const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', path.relative(repoRoot, packagedReadme), ...process.argv.slice(2)]);
