import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Real .http files from public projects. They stay outside the repository, in the shared
 * folder beside the checkout (`<checkout>/../shared/corpus/http/<owner>__<repo>/…`):
 * from out/test/unit/support, five levels up is the folder that holds the checkout.
 */
export const CORPUS_ROOT = path.resolve(__dirname, '../../../../../shared/corpus/http');

/**
 * Why a test that reads the corpus fails when it is not there. It fails rather than skips:
 * a skipped suite reads as a green one, and the parser would go untested on real files.
 */
export const CORPUS_MISSING =
  `no corpus of real .http files at ${CORPUS_ROOT}: put the shared corpus there (../shared/corpus beside ` +
  'this checkout, described in its README.md) and run the tests again. The parser tests need it and do not skip without it.';

/** The corpus's .http and .rest files, sorted; none when the corpus is missing (the tests then fail with CORPUS_MISSING). */
export function corpusFiles(): string[] {
  if (!fs.existsSync(CORPUS_ROOT)) return [];
  return fs
    .readdirSync(CORPUS_ROOT)
    .flatMap((folder) => fs.readdirSync(path.join(CORPUS_ROOT, folder)).map((name) => path.join(CORPUS_ROOT, folder, name)))
    .filter((file) => /\.(http|rest)$/.test(file))
    .sort();
}
