import { strict as assert } from 'node:assert';
import { CLOCK_SKEW_THRESHOLD_MS } from '../../../src/core/diagnosis/diagnosePreconditionFailure';
import { causeIds, diagnose, evidenceOf, failedPut, headProbe, observation } from './fixtures';

describe('diagnosePreconditionFailure: dates and clocks', () => {
  describe('outdated-date-precondition', () => {
    // The Last-Modified read at 10:00 was copied into If-Unmodified-Since; another write happened at 10:03.
    const history = [
      observation('PUT', 412, '2024-05-01T10:05:00.000Z'),
      observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v1"', 'Wed, 01 May 2024 09:00:00 GMT'),
    ];
    const failed = failedPut({ 'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT' });
    const probe = headProbe({ etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:03:00 GMT' });

    it('ranks a stale If-Unmodified-Since first', () => {
      const diagnosis = diagnose({ failed, history, probe, failedAt: new Date('2024-05-01T10:05:00.100Z') });
      assert.equal(diagnosis.causes[0].id, 'outdated-date-precondition');
      assert.equal(diagnosis.causes[0].likelihood, 'high');
      assert.ok(!causeIds(diagnosis).includes('clock-skew'), 'the clocks agree');
    });

    it('quotes both dates, the gap, and where the sent date came from', () => {
      const evidence = evidenceOf(diagnose({ failed, history, probe }), 'outdated-date-precondition');
      assert.match(evidence, /If-Unmodified-Since: Wed, 01 May 2024 09:00:00 GMT is 1 h 3 min earlier than the current Last-Modified: Wed, 01 May 2024 10:03:00 GMT \(HEAD probe/);
      assert.match(evidence, /is the Last-Modified we received at Wed, 01 May 2024 10:00:00 GMT \(GET 200\)/);
    });

    it('stays first even behind a proxy that adds Via', () => {
      const proxied = failedPut({ 'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT' }, { responseHeaders: { via: '1.1 squid', date: 'Wed, 01 May 2024 10:05:00 GMT' } });
      assert.equal(diagnose({ failed: proxied, history, probe }).causes[0].id, 'outdated-date-precondition');
    });

    it('adds that someone changed the resource since it was read (medium)', () => {
      const diagnosis = diagnose({ failed, history, probe });
      assert.equal(diagnosis.causes.find((c) => c.id === 'changed-by-another-client')?.likelihood, 'medium');
    });

    it('is only medium when If-Match is present too (servers must ignore If-Unmodified-Since then)', () => {
      const both = failedPut({ 'if-match': '"v2"', 'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT' });
      const diagnosis = diagnose({ failed: both, history, probe });
      assert.equal(diagnosis.causes.find((c) => c.id === 'outdated-date-precondition')?.likelihood, 'medium');
      assert.match(evidenceOf(diagnosis, 'outdated-date-precondition'), /some \(nginx\) evaluate it anyway/);
    });

    it('explains If-Modified-Since used to guard a write', () => {
      const ims = failedPut({ 'if-modified-since': 'Wed, 01 May 2024 10:03:00 GMT' });
      const diagnosis = diagnose({ failed: ims, probe });
      assert.equal(diagnosis.causes[0].id, 'outdated-date-precondition');
      assert.match(evidenceOf(diagnosis, 'outdated-date-precondition'), /If-Modified-Since on a PUT asks "only if it changed after Wed, 01 May 2024 10:03:00 GMT"/);
      assert.match(evidenceOf(diagnosis, 'outdated-date-precondition'), /use If-Unmodified-Since: Wed, 01 May 2024 10:03:00 GMT or If-Match/);
    });
  });

  describe('clock-skew', () => {
    // The server's clock runs an hour ahead; the client wrote its own "now" into If-Unmodified-Since.
    const sentAt = new Date('2024-05-01T10:05:00.200Z');
    const failed = failedPut(
      { 'if-unmodified-since': 'Wed, 01 May 2024 10:05:00 GMT' },
      { responseHeaders: { date: 'Wed, 01 May 2024 11:05:00 GMT', 'content-type': 'application/problem+json' } },
    );
    const probe = headProbe({ date: 'Wed, 01 May 2024 11:10:00 GMT', etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 10:30:00 GMT' });

    it('ranks clock skew first and the stale date second', () => {
      const diagnosis = diagnose({ failed, probe, failedAt: sentAt });
      assert.deepEqual(causeIds(diagnosis).slice(0, 2), ['clock-skew', 'outdated-date-precondition']);
      assert.equal(diagnosis.causes[0].likelihood, 'high');
    });

    it('quotes the server Date, the local time and the offset', () => {
      const evidence = evidenceOf(diagnose({ failed, probe, failedAt: sentAt }), 'clock-skew');
      assert.match(evidence, /The server's clock is 1 h 0 min ahead of the local clock: the 412 response had Date: Wed, 01 May 2024 11:05:00 GMT and arrived at local time Wed, 01 May 2024 10:05:00 GMT/);
      assert.match(evidence, /If-Unmodified-Since: Wed, 01 May 2024 10:05:00 GMT is 200 ms from the local clock when the request was sent/);
      assert.match(evidence, /The current Last-Modified, Wed, 01 May 2024 10:30:00 GMT, is later than the local clock at sending/);
    });

    it('measures the skew from the probe when the failure time is unknown', () => {
      const noDate = failedPut({ 'if-unmodified-since': 'Wed, 01 May 2024 10:10:00 GMT' }, { responseHeaders: {} });
      const diagnosis = diagnose({ failed: noDate, probe });
      assert.equal(diagnosis.causes[0].id, 'clock-skew');
      assert.match(evidenceOf(diagnosis, 'clock-skew'), /the HEAD probe had Date: Wed, 01 May 2024 11:10:00 GMT/);
    });

    it('uses the failure entry of the history as the send time', () => {
      const history = [observation('PUT', 412, '2024-05-01T10:05:00.300Z')];
      const diagnosis = diagnose({ failed, probe, history });
      assert.equal(diagnosis.causes[0].id, 'clock-skew');
      assert.match(evidenceOf(diagnosis, 'clock-skew'), /from the local clock when the request was sent \(Wed, 01 May 2024 10:05:00 GMT\)/);
    });

    it('is low when the date came from the server (a copied Last-Modified)', () => {
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v0"', 'Wed, 01 May 2024 10:20:00 GMT')];
      const copied = failedPut({ 'if-unmodified-since': 'Wed, 01 May 2024 10:20:00 GMT' }, { responseHeaders: { date: 'Wed, 01 May 2024 11:05:00 GMT' } });
      const diagnosis = diagnose({ failed: copied, probe, history, failedAt: sentAt });
      assert.equal(diagnosis.causes[0].id, 'outdated-date-precondition');
      assert.equal(diagnosis.causes.find((c) => c.id === 'clock-skew')?.likelihood, 'low');
    });

    it(`ignores offsets up to the ${CLOCK_SKEW_THRESHOLD_MS} ms threshold`, () => {
      const close = failedPut({ 'if-unmodified-since': 'Wed, 01 May 2024 10:05:00 GMT' }, { responseHeaders: { date: 'Wed, 01 May 2024 10:05:04 GMT' } });
      assert.ok(!causeIds(diagnose({ failed: close, probe: headProbe({ 'last-modified': 'Wed, 01 May 2024 10:06:00 GMT' }), failedAt: sentAt })).includes('clock-skew'));
    });

    it('is not reported without a date precondition', () => {
      const tagOnly = failedPut({ 'if-match': '"v0"' }, { responseHeaders: { date: 'Wed, 01 May 2024 11:05:00 GMT' } });
      assert.ok(!causeIds(diagnose({ failed: tagOnly, probe, failedAt: sentAt })).includes('clock-skew'));
    });

    it('notices a server clock behind ours', () => {
      const behind = failedPut({ 'if-unmodified-since': 'Wed, 01 May 2024 10:05:00 GMT' }, { responseHeaders: { date: 'Wed, 01 May 2024 09:50:00 GMT' } });
      const diagnosis = diagnose({ failed: behind, probe: headProbe({ date: 'Wed, 01 May 2024 09:55:00 GMT', 'last-modified': 'Wed, 01 May 2024 09:54:00 GMT' }), failedAt: sentAt });
      assert.match(evidenceOf(diagnosis, 'clock-skew'), /15 min 0 s behind the local clock/);
    });
  });
});
