import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendToGitignore } from '../../../src/core/variables/gitignoreFile';

const ENTRY = 'http-client.private.env.json';

describe('appendToGitignore', () => {
  let root: string;
  let gitignore: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-gitignore-'));
    gitignore = path.join(root, '.gitignore');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates a missing .gitignore with the entry', async () => {
    assert.deepEqual(await appendToGitignore(root, ENTRY), { file: gitignore, outcome: 'created' });
    assert.equal(fs.readFileSync(gitignore, 'utf8'), `${ENTRY}\n`);
  });

  it('appends on a new line to a file without a final newline, keeping every rule', async () => {
    fs.writeFileSync(gitignore, 'node_modules/\ndist');
    assert.equal((await appendToGitignore(root, ENTRY)).outcome, 'appended');
    assert.equal(fs.readFileSync(gitignore, 'utf8'), `node_modules/\ndist\n${ENTRY}\n`);
  });

  it('appends to a file that ends with a newline', async () => {
    fs.writeFileSync(gitignore, 'node_modules/\n');
    await appendToGitignore(root, ENTRY);
    assert.equal(fs.readFileSync(gitignore, 'utf8'), `node_modules/\n${ENTRY}\n`);
  });

  it('keeps the line endings of a CRLF file', async () => {
    fs.writeFileSync(gitignore, 'node_modules/\r\ndist');
    await appendToGitignore(root, ENTRY);
    assert.equal(fs.readFileSync(gitignore, 'utf8'), `node_modules/\r\ndist\r\n${ENTRY}\r\n`);
  });

  it('leaves a file that already lists the entry unchanged', async () => {
    for (const text of [`dist\n${ENTRY}\n`, `/${ENTRY}`, `  ${ENTRY}  \r\n`]) {
      fs.writeFileSync(gitignore, text);
      assert.equal((await appendToGitignore(root, ENTRY)).outcome, 'already-listed');
      assert.equal(fs.readFileSync(gitignore, 'utf8'), text);
    }
  });

  it('writes nothing when .gitignore exists but can\'t be read, naming the file and the reason', async () => {
    // A directory in its place: a read error that permissions can't give when the tests run as root.
    fs.mkdirSync(gitignore);
    fs.writeFileSync(path.join(gitignore, 'kept'), 'kept');
    await assert.rejects(appendToGitignore(root, ENTRY), (error: Error) => {
      assert.ok(error.message.includes(gitignore), error.message);
      assert.match(error.message, /could not be read \(EISDIR[^)]*\)\. Nothing was written\.$/);
      return true;
    });
    assert.ok(fs.statSync(gitignore).isDirectory());
    assert.deepEqual(fs.readdirSync(gitignore), ['kept']);
    assert.deepEqual(fs.readdirSync(root), ['.gitignore']);
  });
});
