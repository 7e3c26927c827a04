import { strict as assert } from 'node:assert';
import { isEncodingDependentTag, planIfMatchFixes, type IfMatchFixInput } from '../../../src/core/edits/ifMatchFixPlan';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';

const reference = { kind: 'response-reference', requestName: 'get', expression: 'get.response.headers.ETag' } as const;
const preferredOf = (input: IfMatchFixInput) => planIfMatchFixes(input).filter((entry) => entry.preferred).map((entry) => entry.fix);
const offered = (input: IfMatchFixInput) => planIfMatchFixes(input).map((entry) => entry.fix);

describe('planIfMatchFixes: the preferred fix converges', () => {
  it('another client changed it, tag from {{get.response…}}: re-sending get is preferred', () => {
    const input = { source: reference, namedRequestExists: true, encodingDependent: false };
    assert.deepEqual(preferredOf(input), ['resend-named']);
    assert.deepEqual(offered(input), ['resend-named', 'fetch']);
  });

  it('a weak or suffixed tag from {{get.response…}}: re-sending get would bring it back, so it is not offered; the identity fetch is preferred', () => {
    const input = { source: reference, namedRequestExists: true, encodingDependent: true };
    assert.deepEqual(offered(input), ['fetch']);
    assert.deepEqual(preferredOf(input), ['fetch']);
  });

  it('a literal with a fresher tag known: the replacement is preferred, exactly one preferred fix', () => {
    assert.deepEqual(preferredOf({ source: { kind: 'literal' }, replaceWith: '"v2"', namedRequestExists: false, encodingDependent: false }), ['replace']);
    assert.deepEqual(preferredOf({ source: { kind: 'literal' }, namedRequestExists: false, encodingDependent: false }), ['fetch']);
  });
});

describe('isEncodingDependentTag', () => {
  it('is true for W/ tags, coding suffixes and tags recorded with a content coding', () => {
    assert.equal(isEncodingDependentTag('W/"r1-abc"', undefined), true);
    assert.equal(isEncodingDependentTag('"r1-abc-gzip"', undefined), true);
    const store = new ValidatorStore();
    store.recordResponse({ method: 'GET', url: 'http://api.test/items/1', status: 200, responseHeaders: { etag: '"zz"', 'content-encoding': 'br' } });
    assert.equal(isEncodingDependentTag('"zz"', store.get('http://api.test/items/1')), true);
  });

  it('is false for a plain strong tag and for nothing', () => {
    assert.equal(isEncodingDependentTag('"r1-abc"', undefined), false);
    assert.equal(isEncodingDependentTag(undefined, undefined), false);
  });
});
