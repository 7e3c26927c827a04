import * as assert from 'node:assert/strict';
import {
  isSameResourceVersion,
  isWeakEntityTag,
  resourceVersionOf,
} from '../../../src/core/validators/resourceVersion';

describe('resource versions of entity tags', () => {
  it('reads W/ as weak, case-sensitively', () => {
    assert.equal(isWeakEntityTag('W/"a"'), true);
    assert.equal(isWeakEntityTag('w/"a"'), false);
    assert.equal(isWeakEntityTag('"a"'), false);
  });

  it('treats weakened and coding-suffixed tags as the same version', () => {
    for (const variant of ['W/"abc"', '"abc-gzip"', 'W/"abc-gzip"', '"abc-br"', '"abc--gzip"', 'abc']) {
      assert.equal(resourceVersionOf(variant), 'abc', variant);
      assert.equal(isSameResourceVersion(variant, '"abc"'), true, variant);
    }
  });

  it('tells different versions apart', () => {
    assert.equal(isSameResourceVersion('"abc"', '"abd"'), false);
    assert.equal(isSameResourceVersion('"abc-gzipped"', '"abc"'), false);
  });
});
