import { strict as assert } from 'node:assert';
import { planPreconditions } from '../../../src/core/preconditions/plan';
import { collectPreconditionHeaders, hasPreconditions } from '../../../src/core/preconditions/preconditionHeaders';

const DATE = 'Sun, 06 Nov 1994 08:49:37 GMT';

describe('planPreconditions', () => {
  it('lists headers in §13.2.2 order with their steps', () => {
    const plan = planPreconditions('GET', { ifModifiedSince: DATE, ifMatch: '"a"', range: 'bytes=0-9', ifRange: '"a"' });
    assert.deepEqual(
      plan.map((entry) => [entry.header, entry.disposition, entry.step]),
      [
        ['If-Match', 'evaluated', 1],
        ['If-Modified-Since', 'evaluated', 4],
        ['If-Range', 'evaluated', 5],
      ],
    );
  });

  const ignored: Array<[string, string, Parameters<typeof planPreconditions>[1], string]> = [
    ['If-Unmodified-Since with If-Match', 'PUT', { ifMatch: '"a"', ifUnmodifiedSince: DATE }, 'if-match-present'],
    ['If-Modified-Since with If-None-Match', 'GET', { ifNoneMatch: '"a"', ifModifiedSince: DATE }, 'if-none-match-present'],
    ['If-Modified-Since on PUT', 'PUT', { ifModifiedSince: DATE }, 'method-not-get-or-head'],
    ['If-Modified-Since with an ISO date', 'GET', { ifModifiedSince: '1994-11-06T08:49:37Z' }, 'invalid-date'],
    ['If-Unmodified-Since with a list of dates', 'PUT', { ifUnmodifiedSince: `${DATE}, ${DATE}` }, 'invalid-date'],
    ['If-Match on TRACE', 'TRACE', { ifMatch: '"a"' }, 'method-without-preconditions'],
    ['If-None-Match on CONNECT', 'CONNECT', { ifNoneMatch: '*' }, 'method-without-preconditions'],
    ['If-Range without Range', 'GET', { ifRange: '"a"' }, 'no-range'],
    ['If-Range on HEAD', 'HEAD', { ifRange: '"a"', range: 'bytes=0-1' }, 'method-not-get'],
  ];
  for (const [title, method, headers, reason] of ignored) {
    it(`ignores ${title}`, () => {
      const entry = planPreconditions(method, headers).find((planned) => planned.disposition === 'ignored');
      assert.equal(entry?.ignoredBecause, reason);
      assert.ok(entry.explanation.length > 10);
      assert.equal(entry.step, undefined);
    });
  }

  it('ignores date preconditions when the resource has no Last-Modified', () => {
    const [entry] = planPreconditions('PUT', { ifUnmodifiedSince: DATE }, { hasLastModified: false });
    assert.equal(entry.ignoredBecause, 'no-last-modified');
  });

  it('evaluates date preconditions when the resource is unknown', () => {
    const [entry] = planPreconditions('PUT', { ifUnmodifiedSince: DATE });
    assert.equal(entry.disposition, 'evaluated');
    assert.equal(entry.step, 2);
  });
});

describe('collectPreconditionHeaders', () => {
  it('reads name/value pairs case-insensitively and joins repeats', () => {
    const headers = collectPreconditionHeaders([
      ['if-match', '"a"'],
      ['IF-MATCH', '"b"'],
      ['If-Unmodified-Since', DATE],
      ['Content-Type', 'application/json'],
    ]);
    assert.deepEqual(headers, { ifMatch: '"a", "b"', ifUnmodifiedSince: DATE });
  });
  it('reads a Node-style header record with array values', () => {
    const headers = collectPreconditionHeaders({ 'if-none-match': ['"a"', '"b"'], range: 'bytes=0-1', host: 'x' });
    assert.deepEqual(headers, { ifNoneMatch: '"a", "b"', range: 'bytes=0-1' });
  });
  it('turns a repeated date header into a list, which the plan then ignores', () => {
    const headers = collectPreconditionHeaders([
      ['If-Modified-Since', DATE],
      ['If-Modified-Since', DATE],
    ]);
    assert.equal(planPreconditions('GET', headers)[0].ignoredBecause, 'invalid-date');
  });
  it('says whether any precondition is present', () => {
    assert.equal(hasPreconditions({ range: 'bytes=0-1' }), false);
    assert.equal(hasPreconditions({ ifNoneMatch: '*' }), true);
  });
});
