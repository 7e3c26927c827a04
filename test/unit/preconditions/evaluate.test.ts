import { strict as assert } from 'node:assert';
import { evaluatePreconditions, type ResourceState } from '../../../src/core/preconditions/evaluate';
import type { PreconditionHeaders } from '../../../src/core/preconditions/preconditionHeaders';

const MODIFIED = 'Wed, 01 May 2024 10:00:00 GMT';
const BEFORE = 'Wed, 01 May 2024 09:00:00 GMT';
const AFTER = 'Wed, 01 May 2024 11:00:00 GMT';
const current: ResourceState = { exists: true, etag: '"v2"', lastModified: MODIFIED };
const missing: ResourceState = { exists: false };

function run(method: string, headers: PreconditionHeaders, resource: ResourceState = current) {
  return evaluatePreconditions({ method, headers }, resource);
}

describe('evaluatePreconditions (RFC 9110 §13.2.2)', () => {
  describe('If-Match', () => {
    it('proceeds when a listed tag strongly matches', () => {
      const outcome = run('PUT', { ifMatch: '"v1", "v2"' });
      assert.equal(outcome.result, 'proceed');
      assert.deepEqual(outcome.checks.map((check) => [check.header, check.passed]), [['If-Match', true]]);
    });
    it('fails with 412 for a stale tag', () => {
      const outcome = run('PUT', { ifMatch: '"v1"' });
      assert.equal(outcome.status, 412);
      assert.equal(outcome.decidedBy, 'If-Match');
      assert.match(outcome.checks[0].reason, /"v1".*"v2"/);
    });
    it('fails for the weak form of the current tag and says why', () => {
      const outcome = run('PUT', { ifMatch: 'W/"v2"' });
      assert.equal(outcome.status, 412);
      assert.match(outcome.checks[0].reason, /strong comparison/);
    });
    it('never matches when the current tag is weak', () => {
      const outcome = run('PUT', { ifMatch: 'W/"v2"' }, { ...current, etag: 'W/"v2"' });
      assert.equal(outcome.status, 412);
      assert.match(outcome.checks[0].reason, /is weak/);
    });
    it("fails when the server's own tag is not a valid entity tag", () => {
      const outcome = run('PUT', { ifMatch: '"v2"' }, { ...current, etag: 'v2' });
      assert.equal(outcome.status, 412);
      assert.match(outcome.checks[0].reason, /no valid entity tag \(it sends v2\)/);
    });
    it('fails for an unquoted value', () => {
      const outcome = run('PUT', { ifMatch: 'v2' });
      assert.equal(outcome.status, 412);
      assert.match(outcome.checks[0].reason, /no valid entity tag/);
    });
    it('* proceeds when a representation exists', () => {
      assert.equal(run('DELETE', { ifMatch: '*' }).result, 'proceed');
    });
    it('* fails with 412 when none exists', () => {
      assert.equal(run('PUT', { ifMatch: '*' }, missing).status, 412);
    });
    it('a tag fails with 412 when no representation exists', () => {
      assert.equal(run('PUT', { ifMatch: '"v2"' }, missing).status, 412);
    });
    it('* mixed with tags fails safe', () => {
      const outcome = run('PUT', { ifMatch: '*, "v2"' });
      assert.equal(outcome.status, 412);
      assert.match(outcome.checks[0].reason, /mixed/);
    });
    it('a GET with a false If-Match is 412, not 304', () => {
      assert.equal(run('GET', { ifMatch: '"v1"' }).status, 412);
    });
  });

  describe('If-Unmodified-Since', () => {
    it('proceeds when Last-Modified is at the date', () => {
      assert.equal(run('PUT', { ifUnmodifiedSince: MODIFIED }).result, 'proceed');
    });
    it('fails with 412 when modified after the date', () => {
      const outcome = run('PUT', { ifUnmodifiedSince: BEFORE });
      assert.equal(outcome.status, 412);
      assert.equal(outcome.decidedBy, 'If-Unmodified-Since');
    });
    it('compares at one-second resolution', () => {
      const outcome = run('PUT', { ifUnmodifiedSince: MODIFIED }, { ...current, lastModified: Date.parse(MODIFIED) + 900 });
      assert.equal(outcome.result, 'proceed');
    });
    it('is ignored when If-Match is present (step 2 only without step 1)', () => {
      const outcome = run('PUT', { ifMatch: '"v2"', ifUnmodifiedSince: BEFORE });
      assert.equal(outcome.result, 'proceed');
      assert.deepEqual(outcome.checks.map((check) => check.header), ['If-Match']);
    });
    it('is ignored when the date is invalid', () => {
      const outcome = run('PUT', { ifUnmodifiedSince: '2024-05-01T09:00:00Z' });
      assert.equal(outcome.result, 'proceed');
      assert.equal(outcome.plan[0].ignoredBecause, 'invalid-date');
    });
    it('is ignored when it is a list of dates', () => {
      assert.equal(run('PUT', { ifUnmodifiedSince: `${BEFORE}, ${BEFORE}` }).result, 'proceed');
    });
    it('is ignored when the resource has no Last-Modified', () => {
      assert.equal(run('PUT', { ifUnmodifiedSince: BEFORE }, { exists: true, etag: '"v2"' }).result, 'proceed');
    });
  });

  describe('If-None-Match', () => {
    it('gives 304 on GET when a tag weakly matches', () => {
      const outcome = run('GET', { ifNoneMatch: 'W/"v2"' });
      assert.equal(outcome.status, 304);
      assert.equal(outcome.decidedBy, 'If-None-Match');
    });
    it('gives 304 on HEAD too', () => {
      assert.equal(run('HEAD', { ifNoneMatch: '"v2"' }).status, 304);
    });
    it('gives 412 on PUT when a tag matches', () => {
      assert.equal(run('PUT', { ifNoneMatch: '"v2"' }).status, 412);
    });
    it('proceeds when no tag matches', () => {
      assert.equal(run('GET', { ifNoneMatch: '"v1", "v0"' }).result, 'proceed');
    });
    it('create-only PUT: * proceeds when nothing exists', () => {
      assert.equal(run('PUT', { ifNoneMatch: '*' }, missing).result, 'proceed');
    });
    it('create-only PUT: * fails with 412 when the resource exists', () => {
      const outcome = run('PUT', { ifNoneMatch: '*' });
      assert.equal(outcome.status, 412);
      assert.equal(outcome.decidedBy, 'If-None-Match');
    });
    it('* on GET of an existing resource is 304', () => {
      assert.equal(run('GET', { ifNoneMatch: '*' }).status, 304);
    });
  });

  describe('If-Modified-Since', () => {
    it('gives 304 when not modified after the date', () => {
      const outcome = run('GET', { ifModifiedSince: MODIFIED });
      assert.equal(outcome.status, 304);
      assert.equal(outcome.decidedBy, 'If-Modified-Since');
    });
    it('proceeds when modified after the date', () => {
      assert.equal(run('GET', { ifModifiedSince: BEFORE }).result, 'proceed');
    });
    it('gives 304 for a date after Last-Modified', () => {
      assert.equal(run('GET', { ifModifiedSince: AFTER }).status, 304);
    });
    it('is ignored on PUT', () => {
      assert.equal(run('PUT', { ifModifiedSince: AFTER }).result, 'proceed');
    });
    it('is ignored when If-None-Match is present', () => {
      const outcome = run('GET', { ifNoneMatch: '"v1"', ifModifiedSince: AFTER });
      assert.equal(outcome.result, 'proceed');
      assert.deepEqual(outcome.checks.map((check) => check.header), ['If-None-Match']);
    });
    it('is ignored when the date is invalid', () => {
      assert.equal(run('GET', { ifModifiedSince: 'Wed, 01 May 2024 11:00:00 +0000' }).result, 'proceed');
    });
  });

  describe('evaluation order', () => {
    it('If-Match decides before If-None-Match', () => {
      const outcome = run('GET', { ifMatch: '"v1"', ifNoneMatch: '"v2"' });
      assert.equal(outcome.status, 412);
      assert.equal(outcome.decidedBy, 'If-Match');
      assert.equal(outcome.checks.length, 1, 'evaluation stops at the first deciding check');
    });
    it('a passing If-Match hands over to If-None-Match', () => {
      const outcome = run('GET', { ifMatch: '"v2"', ifNoneMatch: '"v2"' });
      assert.equal(outcome.status, 304);
      assert.deepEqual(outcome.checks.map((check) => check.step), [1, 3]);
    });
    it('If-Unmodified-Since decides before If-Modified-Since', () => {
      const outcome = run('GET', { ifUnmodifiedSince: BEFORE, ifModifiedSince: AFTER });
      assert.equal(outcome.status, 412);
      assert.equal(outcome.decidedBy, 'If-Unmodified-Since');
    });
    it('ignores every precondition on OPTIONS', () => {
      const outcome = run('OPTIONS', { ifMatch: '"nope"', ifNoneMatch: '*' });
      assert.equal(outcome.result, 'proceed');
      assert.equal(outcome.checks.length, 0);
      assert.ok(outcome.plan.every((entry) => entry.ignoredBecause === 'method-without-preconditions'));
    });
    it('reads lower-case methods as written in .http files', () => {
      assert.equal(run('get', { ifNoneMatch: '"v2"' }).status, 304);
    });
  });

  describe('If-Range (step 5)', () => {
    it('honours the Range when the tag matches', () => {
      assert.equal(run('GET', { range: 'bytes=0-1', ifRange: '"v2"' }).range, 'honour-range');
    });
    it('ignores the Range when the tag is stale', () => {
      const outcome = run('GET', { range: 'bytes=0-1', ifRange: '"v1"' });
      assert.equal(outcome.result, 'proceed');
      assert.equal(outcome.range, 'ignore-range');
    });
    it('ignores the Range for a weak tag', () => {
      assert.equal(run('GET', { range: 'bytes=0-1', ifRange: 'W/"v2"' }).range, 'ignore-range');
    });
    it('honours the Range when the date equals Last-Modified exactly', () => {
      assert.equal(run('GET', { range: 'bytes=0-1', ifRange: MODIFIED }).range, 'honour-range');
      assert.equal(run('GET', { range: 'bytes=0-1', ifRange: AFTER }).range, 'ignore-range');
    });
    it('honours a Range without If-Range', () => {
      assert.equal(run('GET', { range: 'bytes=0-1' }).range, 'honour-range');
    });
    it('is ignored without a Range', () => {
      const outcome = run('GET', { ifRange: '"v1"' });
      assert.equal(outcome.range, 'no-range');
      assert.equal(outcome.plan[0].ignoredBecause, 'no-range');
    });
  });
});
