import { strict as assert } from 'node:assert';
import { markReportResolved } from '../../../src/core/diagnosis/resolvedNotice';

describe('markReportResolved', () => {
  it('puts a resolved notice right under the title and keeps the rest', () => {
    const report = '# 412 Precondition Failed: PUT http://127.0.0.1/items/1\n\n**Most likely: …**\n\n## Causes, most likely first';
    const marked = markReportResolved(report, { method: 'PUT', status: 200, statusText: 'OK' }, new Date('2026-05-01T10:00:00Z'), 412);
    const lines = marked.split('\n');
    assert.equal(lines[0], '# 412 Precondition Failed: PUT http://127.0.0.1/items/1');
    assert.equal(lines[2], '> **Resolved:** PUT answered 200 OK at Fri, 01 May 2026 10:00:00 GMT. What follows explains the earlier 412.');
    assert.ok(marked.endsWith('## Causes, most likely first'));
  });
});
