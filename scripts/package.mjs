// `npm run package`: a production bundle, then the .vsix. The extension has no public
// repository, so vsce cannot turn README's relative screenshot links into URLs: the
// packaged README names each screenshot instead (the images ship in media/).
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
const packaged = readme.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_match, alt, target) => `*${alt} (screenshot: \`${target}\`)*`);
const packagedReadme = path.join(repoRoot, 'dist', 'README.package.md');
fs.writeFileSync(packagedReadme, packaged);
const outIndex = process.argv.findIndex((arg) => arg === '--out' || arg === '-o');
if (outIndex > 0 && process.argv[outIndex + 1]) fs.mkdirSync(path.dirname(path.resolve(repoRoot, process.argv[outIndex + 1])), { recursive: true });
const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--readme-path', path.relative(repoRoot, packagedReadme), ...process.argv.slice(2)]);
