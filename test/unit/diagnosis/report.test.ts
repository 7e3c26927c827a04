import { strict as assert } from 'node:assert';
import { renderDiagnosisReport } from '../../../src/core/diagnosis/report';
import { diagnose, failedPut, headProbe, NOW, observation, storedRecord } from './fixtures';

describe('renderDiagnosisReport', () => {
  const history = [
    observation('PUT', 412, '2024-05-01T10:05:00.000Z'),
    observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v1"', 'Wed, 01 May 2024 09:00:00 GMT'),
  ];
  const record = storedRecord(history, [{ etag: '"v1"', weak: false, lastModified: 'Wed, 01 May 2024 09:00:00 GMT', observedAt: '2024-05-01T10:00:00.000Z' }]);
  const failed = failedPut({ 'if-match': '"v1"', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret', 'x-api-key': 'k-123' });
  const probe = headProbe({ etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:03:00 GMT' });
  const diagnosis = diagnose({ failed, history, record, probe });
  const report = renderDiagnosisReport({ diagnosis, failed, record, probe, requestName: 'updateItem', now: NOW });

  it('opens with a summary line naming the request and the most likely cause', () => {
    const [title, , summary] = report.split('\n');
    assert.equal(title, '# 412 Precondition Failed: PUT https://api.example.com/items/1 (request updateItem)');
    assert.equal(summary, '**Most likely: Changed by another client** (high likelihood); the evidence is under cause 1.');
  });

  it('says each piece of evidence once', () => {
    for (const sentence of diagnosis.causes[0].evidence) {
      const escaped = sentence.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
      assert.equal(report.split(escaped).length - 1, 1, sentence);
    }
  });

  it('writes every time as an HTTP-date, like the Last-Modified and Date values beside it', () => {
    const tables = report.slice(0, report.indexOf('## Request and response'));
    assert.doesNotMatch(tables, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
    assert.match(report, /Explained at Wed, 01 May 2024 10:10:00 GMT/);
  });

  it('lists a probe the store recorded once, marked as the probe', () => {
    const recorded = [observation('HEAD', 200, '2024-05-01T10:10:00.000Z', '"v2"', 'Wed, 01 May 2024 10:03:00 GMT'), ...history];
    const withProbe = storedRecord(recorded, record.representations);
    const text = renderDiagnosisReport({ diagnosis, failed, record: withProbe, probe, now: NOW });
    const timeline = text.slice(text.indexOf('## Timeline'), text.indexOf('## Request and response'));
    const probeRows = timeline.split('\n').filter((line) => line.includes('| HEAD |'));
    assert.equal(probeRows.length, 1, probeRows.join('\n'));
    assert.match(probeRows[0], /^\| Wed, 01 May 2024 10:10:00 GMT \(probe\) \| HEAD \| 200 \|/);
  });

  it('has the sections in reading order', () => {
    const sections = report.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(sections, ['## Causes, most likely first', '## What to do', '## Sent vs. the server now', '## Timeline of this URL', '## Request and response']);
  });

  it('lists every cause with its evidence', () => {
    for (const [index, cause] of diagnosis.causes.entries()) {
      assert.ok(report.includes(`### ${index + 1}. `), `cause ${cause.id}`);
      for (const sentence of cause.evidence) assert.ok(report.includes(sentence.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)), sentence);
    }
  });

  it('tells what to do with the fresh tag filled in', () => {
    assert.match(report, /Replace If-Match with "v2" \(quick fix "Replace If-Match with freshest ETag"\)/);
    assert.match(report, /Compare with server/);
  });

  it('compares what was sent with what the server holds and what was recorded', () => {
    assert.match(report, /\| ETag \| `If-Match: "v1"` \| `"v2"` \| `"v1"` \|/);
    assert.match(report, /\| Last-Modified \| — \| `Wed, 01 May 2024 10:03:00 GMT` \| `Wed, 01 May 2024 09:00:00 GMT` \|/);
  });

  it('shows the timeline oldest first, ending with the probe', () => {
    const timeline = report.slice(report.indexOf('## Timeline'), report.indexOf('## Request and response'));
    const rows = timeline.split('\n').filter((line) => /^\| Wed, 01 May 2024/.test(line));
    assert.equal(rows.length, 3);
    assert.match(rows[0], /^\| Wed, 01 May 2024 10:00:00 GMT \| GET \| 200 \| `"v1"` \|/);
    assert.match(rows[1], /^\| Wed, 01 May 2024 10:05:00 GMT \| PUT \| 412 \|/);
    assert.match(rows[2], /^\| Wed, 01 May 2024 10:10:00 GMT \(probe\) \| HEAD \| 200 \| `"v2"` \|/);
  });

  it('shows the exchange with secrets redacted and validators intact', () => {
    assert.match(report, /if-match: "v1"/);
    assert.match(report, /authorization: \[redacted\]/);
    assert.match(report, /x-api-key: \[redacted\]/);
    assert.ok(!report.includes('eyJhbGciOiJIUzI1NiJ9'));
    assert.ok(!report.includes('k-123'));
  });

  it('renders action links and per-cause steps for a 428', () => {
    const required = failedPut({}, { status: 428 });
    const d = diagnose({ failed: required, probe: headProbe({ etag: '"v3"' }) });
    const text = renderDiagnosisReport({ diagnosis: d, failed: required, probe: headProbe({ etag: '"v3"' }), now: NOW, actions: [{ title: 'Refresh & Retry', href: 'command:preconditionDoctor.refreshAndRetry' }] });
    assert.match(text, /\[Refresh & Retry\]\(command:preconditionDoctor\.refreshAndRetry\)/);
    assert.match(text, /Add If-Match with "v3" \(quick fix "Add If-Match with freshest ETag"\)/);
  });

  it('escapes hostile server text so it cannot break the Markdown', () => {
    const hostile = failedPut({ 'if-match': '"a|b`c"' }, { bodyText: '```\n# not a heading', responseHeaders: { 'content-type': 'text/plain' } });
    const text = renderDiagnosisReport({ diagnosis: diagnose({ failed: hostile, probe: headProbe({ etag: '"x"' }) }), failed: hostile, now: NOW });
    assert.match(text, /````http\n/, 'a fence longer than the body\'s backticks');
    assert.match(text, /`` If-Match: "a\\\|b`c" ``|``If-Match: "a\\\|b`c"``/);
  });

  it('says so when nothing about the URL was recorded', () => {
    const text = renderDiagnosisReport({ diagnosis: diagnose({ failed }), failed, now: NOW });
    assert.match(text, /No observation of this URL is recorded\./);
  });
});
