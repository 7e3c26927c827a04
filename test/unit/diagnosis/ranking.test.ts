import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { likelihoodOf, rankFindings } from '../../../src/core/diagnosis/ranking';
import type { DiagnosisCause } from '../../../src/core/diagnosis/types';
import { diagnose, failedPut, headProbe, observation } from './fixtures';

const ORDER = { high: 3, medium: 2, low: 1 } as const;

function assertNonIncreasing(causes: DiagnosisCause[]): void {
  for (let i = 1; i < causes.length; i++) {
    assert.ok(ORDER[causes[i - 1].likelihood] >= ORDER[causes[i].likelihood], `${causes[i - 1].id} before ${causes[i].id}`);
  }
}

describe('ranking', () => {
  it('maps scores to likelihoods at 75 and 45', () => {
    assert.deepEqual([likelihoodOf(100), likelihoodOf(75), likelihoodOf(74), likelihoodOf(45), likelihoodOf(44), likelihoodOf(0)], ['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('merges findings of one cause: best score, strongest evidence first, no repeats', () => {
    const causes = rankFindings([
      { id: 'etag-mismatch', score: 50, evidence: ['weak', 'shared'] },
      { id: 'changed-by-another-client', score: 70, evidence: ['changed'] },
      { id: 'etag-mismatch', score: 80, evidence: ['strong', 'shared'] },
    ]);
    assert.deepEqual(causes, [
      { id: 'etag-mismatch', likelihood: 'high', evidence: ['strong', 'shared', 'weak'] },
      { id: 'changed-by-another-client', likelihood: 'medium', evidence: ['changed'] },
    ]);
  });

  it('breaks ties by a fixed cause order, whatever the input order', () => {
    const a = { id: 'changed-by-another-client' as const, score: 80, evidence: ['a'] };
    const b = { id: 'outdated-date-precondition' as const, score: 80, evidence: ['b'] };
    assert.deepEqual(rankFindings([a, b]).map((c) => c.id), rankFindings([b, a]).map((c) => c.id));
    assert.equal(rankFindings([a, b])[0].id, 'outdated-date-precondition');
  });

  it('orders any set of findings by non-increasing likelihood (property)', () => {
    const ids = ['changed-by-another-client', 'etag-mismatch', 'outdated-date-precondition', 'intermediary-altered-validator', 'malformed-precondition', 'clock-skew'] as const;
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.constantFrom(...ids), score: fc.integer({ min: 0, max: 100 }), evidence: fc.array(fc.string(), { maxLength: 3 }) })), (findings) => {
        const causes = rankFindings(findings);
        assertNonIncreasing(causes);
        assert.equal(new Set(causes.map((c) => c.id)).size, causes.length);
      }),
    );
  });

  it('is deterministic: the same exchange gets the same diagnosis', () => {
    const input = {
      failed: failedPut({ 'if-match': '"v1"', 'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT' }, { responseHeaders: { via: '1.1 proxy', date: 'Wed, 01 May 2024 10:05:00 GMT' } }),
      history: [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v1"', 'Wed, 01 May 2024 09:00:00 GMT')],
      probe: headProbe({ etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:03:00 GMT' }),
    };
    const first = diagnose(input);
    assert.deepEqual(diagnose(input), first);
    assert.deepEqual(JSON.parse(JSON.stringify(first)), first, 'plain JSON');
    assertNonIncreasing(first.causes);
  });

  it('never returns an empty cause list, and every cause has evidence', () => {
    const statuses = [412, 428];
    for (const status of statuses) {
      const diagnosis = diagnose({ failed: failedPut({}, { status }) });
      assert.ok(diagnosis.causes.length > 0);
      assert.ok(diagnosis.causes.every((c) => c.evidence.length > 0));
    }
  });
});
