import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { CORPUS_MISSING } from '../support/corpus';
import { assertParsedFileInside } from './documentBounds';
import { fuzzParameters } from './fuzzSettings';
import { damagedHttp, megabyteDocument, megabyteLine, mutatedCorpus, randomBytesText, randomUnicodeText, readCorpus, structuredHttp } from './httpInputs';

/** Parses without throwing, and every returned position lies inside the text. */
function parsesInsideTheDocument(text: string): void {
  assertParsedFileInside(text, parseHttpFile(text));
}

describe('fuzz: parseHttpFile never throws and stays inside the document', function () {
  this.timeout(120_000);

  it('plausible .http files with mixed line endings and BOMs', () => {
    fc.assert(fc.property(structuredHttp, parsesInsideTheDocument), fuzzParameters(30_000));
  });

  it('damaged files: NULs, BOMs and CRs in the middle, unterminated {{, cut anywhere', () => {
    fc.assert(fc.property(damagedHttp, parsesInsideTheDocument), fuzzParameters(12_000));
  });

  it('random bytes decoded as UTF-8 and as Latin-1', () => {
    fc.assert(fc.property(randomBytesText, parsesInsideTheDocument), fuzzParameters(8_000));
  });

  it('random code points', () => {
    fc.assert(fc.property(randomUnicodeText, parsesInsideTheDocument), fuzzParameters(5_000));
  });

  describe('mutations of real .http files', () => {
    const corpus = readCorpus();

    it('every corpus file as it is', () => {
      assert.ok(corpus.length > 0, CORPUS_MISSING);
      for (const text of corpus) parsesInsideTheDocument(text);
    });

    it('corpus files with inserted, deleted, duplicated and swapped pieces', () => {
      assert.ok(corpus.length > 0, CORPUS_MISSING);
      const mutated = mutatedCorpus(corpus);
      fc.assert(fc.property(mutated, parsesInsideTheDocument), fuzzParameters(20_000));
    });
  });

  it('1 MB lines of one repeated unit in every kind of line', () => {
    fc.assert(fc.property(megabyteLine, (recipe) => parsesInsideTheDocument(megabyteDocument(recipe))), fuzzParameters(40, true));
  });
});
