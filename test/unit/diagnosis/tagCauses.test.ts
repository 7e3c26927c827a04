import { strict as assert } from 'node:assert';
import { causeIds, diagnose, evidenceOf, failedPut, headProbe, ITEM_URL, observation, result, storedRecord } from './fixtures';

describe('diagnosePreconditionFailure: entity tags', () => {
  describe('changed-by-another-client', () => {
    // GET at 10:00 returned "v1"; someone else wrote at 10:03; our PUT at 10:05 sent "v1".
    const history = [
      observation('PUT', 412, '2024-05-01T10:05:00.000Z'),
      observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v1"', 'Wed, 01 May 2024 09:00:00 GMT'),
    ];
    const failed = failedPut({ 'if-match': '"v1"' });
    const probe = headProbe({ etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:03:00 GMT' });

    it('ranks it first, with high likelihood', () => {
      const diagnosis = diagnose({ failed, history, probe });
      assert.equal(diagnosis.causes[0].id, 'changed-by-another-client');
      assert.equal(diagnosis.causes[0].likelihood, 'high');
      assert.equal(diagnosis.status, 412);
    });

    it('says when we last saw our tag, when the new one appeared and how far Last-Modified moved', () => {
      const evidence = evidenceOf(diagnose({ failed, history, probe }), 'changed-by-another-client');
      assert.match(evidence, /"v1", came from this server: we last received it at Wed, 01 May 2024 10:00:00 GMT \(GET 200\)/);
      assert.match(evidence, /The server now holds "v2" \(HEAD probe at Wed, 01 May 2024 10:10:00 GMT\)/);
      assert.match(evidence, /Last-Modified moved from Wed, 01 May 2024 09:00:00 GMT to Wed, 01 May 2024 10:03:00 GMT \(1 h 3 min later\)/);
    });

    it('reports the fresh validators from the probe', () => {
      const diagnosis = diagnose({ failed, history, probe });
      assert.equal(diagnosis.freshEtag, '"v2"');
      assert.equal(diagnosis.freshLastModified, 'Wed, 01 May 2024 10:03:00 GMT');
    });

    it('names the moment the new tag first appeared when a later read already carried it', () => {
      const withLaterRead = [history[0], observation('GET', 200, '2024-05-01T10:04:00.000Z', '"v2"'), history[1]];
      const evidence = evidenceOf(diagnose({ failed, history: withLaterRead, probe }), 'changed-by-another-client');
      assert.match(evidence, /"v2" first appeared at Wed, 01 May 2024 10:04:00 GMT \(GET 200\)/);
    });

    it('points at a successful write of our own between the read and the failure', () => {
      const withOwnWrite = [history[0], observation('PUT', 204, '2024-05-01T10:02:00.000Z'), history[1]];
      const evidence = evidenceOf(diagnose({ failed, history: withOwnWrite, probe }), 'changed-by-another-client');
      assert.match(evidence, /successful PUT at Wed, 01 May 2024 10:02:00 GMT \(PUT 204\)/);
    });

    it('without a probe, uses a later observation of another version', () => {
      const later = [history[0], observation('GET', 200, '2024-05-01T10:04:00.000Z', '"v2"'), history[1]];
      const diagnosis = diagnose({ failed, history: later });
      assert.equal(diagnosis.causes[0].id, 'changed-by-another-client');
      assert.match(evidenceOf(diagnosis, 'changed-by-another-client'), /Later, at Wed, 01 May 2024 10:04:00 GMT \(GET 200\), the server sent "v2"/);
    });

    it('without a probe or a newer sighting, is only medium', () => {
      const diagnosis = diagnose({ failed, history });
      assert.equal(diagnosis.causes[0].id, 'changed-by-another-client');
      assert.equal(diagnosis.causes[0].likelihood, 'medium');
      assert.equal(diagnosis.freshEtag, undefined);
    });

    it('uses the ETag a 412 carries when no probe was made', () => {
      const withTag = failedPut({ 'if-match': '"v1"' }, { responseHeaders: { etag: '"v2"', date: 'Wed, 01 May 2024 10:05:00 GMT' } });
      const diagnosis = diagnose({ failed: withTag, history });
      assert.equal(diagnosis.freshEtag, '"v2"');
      assert.match(evidenceOf(diagnosis, 'changed-by-another-client'), /the 412 response's own headers/);
    });

    it('explains a resource deleted since we saw it (probe 404)', () => {
      const diagnosis = diagnose({ failed, history, probe: headProbe({}, 404) });
      assert.equal(diagnosis.causes[0].id, 'changed-by-another-client');
      assert.match(evidenceOf(diagnosis, 'changed-by-another-client'), /got 404: the resource no longer exists.*\n.*It existed at Wed, 01 May 2024 10:00:00 GMT \(GET 200\), ETag "v1"/);
    });
  });

  describe('intermediary-altered-validator', () => {
    it('nginx gzip: W/"abc" received with Content-Encoding: gzip, identity tag "abc"', () => {
      const history = [observation('PUT', 412, '2024-05-01T10:05:00.000Z'), observation('GET', 200, '2024-05-01T10:00:00.000Z', 'W/"abc"')];
      const record = storedRecord(history, [{ contentEncoding: 'gzip', etag: 'W/"abc"', weak: true, observedAt: '2024-05-01T10:00:00.000Z' }]);
      const failed = failedPut({ 'if-match': 'W/"abc"', 'accept-encoding': 'gzip, deflate, br' });
      const probe = headProbe({ etag: '"abc"' });
      const encodedProbe = result({
        method: 'GET',
        status: 200,
        requestHeaders: { 'accept-encoding': 'gzip, deflate, br', 'cache-control': 'no-cache' },
        responseHeaders: { etag: 'W/"abc"', 'content-encoding': 'gzip', vary: 'Accept-Encoding', server: 'nginx/1.22.1' },
      });
      const diagnosis = diagnose({ failed, history, record, probe, encodedProbe });
      assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator');
      assert.equal(diagnosis.causes[0].likelihood, 'high');
      const evidence = evidenceOf(diagnosis, 'intermediary-altered-validator');
      assert.match(evidence, /If-Match sent W\/"abc"; the identity representation's tag is "abc"/);
      assert.match(evidence, /We received W\/"abc" at Wed, 01 May 2024 10:00:00 GMT \(GET 200\) on a response with Content-Encoding: gzip/);
      assert.match(evidence, /With Accept-Encoding: gzip, deflate, br the server answered Content-Encoding: gzip and ETag: W\/"abc"/);
      assert.equal(diagnosis.freshEtag, '"abc"');
    });

    it('Apache mod_deflate: "abc-gzip" sent, identity tag "abc"', () => {
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"abc-gzip"')];
      const record = storedRecord(history, [{ contentEncoding: 'gzip', etag: '"abc-gzip"', weak: false, observedAt: '2024-05-01T10:00:00.000Z' }]);
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"abc-gzip"' }), history, record, probe: headProbe({ etag: '"abc"' }) });
      assert.deepEqual(causeIds(diagnosis).slice(0, 1), ['intermediary-altered-validator']);
      const evidence = evidenceOf(diagnosis, 'intermediary-altered-validator');
      assert.match(evidence, /"abc-gzip" is that tag with -gzip appended, the way Apache mod_deflate/);
      assert.match(evidence, /identity representation's tag is "abc"/);
    });

    it('recognises ;gzip and -br suffixes too', () => {
      for (const sent of ['"abc;gzip"', '"abc-br"']) {
        const diagnosis = diagnose({ failed: failedPut({ 'if-match': sent }), probe: headProbe({ etag: '"abc"' }) });
        assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator', sent);
      }
    });

    it('suspects a suffix even without a probe, at medium', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"abc-gzip"' }) });
      assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator');
      assert.equal(diagnosis.causes[0].likelihood, 'medium');
      assert.match(evidenceOf(diagnosis, 'intermediary-altered-validator'), /probably "abc"/);
    });

    it('a 412 served from a cache (Age, Via, X-Cache: HIT)', () => {
      const failed = failedPut({ 'if-match': '"v1"' }, {
        responseHeaders: { date: 'Wed, 01 May 2024 10:05:00 GMT', age: '37', via: '1.1 varnish (Varnish/7.1)', 'x-cache': 'HIT', 'x-served-by': 'cache-fra-etou8220' },
      });
      const diagnosis = diagnose({ failed, probe: headProbe({ etag: '"v1"' }) });
      assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator');
      assert.match(evidenceOf(diagnosis, 'intermediary-altered-validator'), /came from a cache \(Via: 1\.1 varnish \(Varnish\/7\.1\), Age: 37, X-Cache: HIT and X-Served-By: cache-fra-etou8220\)/);
      assert.match(evidenceOf(diagnosis, 'intermediary-altered-validator'), /Cache-Control: no-cache/);
    });

    it('the tag sent was delivered by a cache hit after the resource had changed', () => {
      const history = [observation('PUT', 412, '2024-05-01T10:05:00.000Z'), observation('GET', 200, '2024-05-01T10:04:00.000Z', '"v1"', 'Wed, 01 May 2024 09:00:00 GMT')];
      const cachedGet = result({ method: 'GET', status: 200, responseHeaders: { etag: '"v1"', age: '212', 'x-cache': 'HIT', via: '1.1 demo-cache' } });
      const diagnosis = diagnose({
        failed: failedPut({ 'if-match': '"v1"' }, { responseHeaders: { date: 'Wed, 01 May 2024 10:05:00 GMT', via: '1.1 demo-cache', 'x-cache': 'MISS' } }),
        history,
        probe: headProbe({ etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:01:00 GMT' }),
        earlierExchanges: [{ result: cachedGet, at: new Date('2024-05-01T10:04:00.000Z') }],
      });
      assert.deepEqual(causeIds(diagnosis).slice(0, 2), ['intermediary-altered-validator', 'changed-by-another-client']);
      const evidence = evidenceOf(diagnosis, 'intermediary-altered-validator');
      assert.match(evidence, /The response that delivered "v1" \(GET 200 at Wed, 01 May 2024 10:04:00 GMT\) came from a cache: Via: 1\.1 demo-cache, Age: 212 and X-Cache: HIT/);
      assert.match(evidence, /its Last-Modified, Wed, 01 May 2024 10:01:00 GMT, is 3 min 0 s earlier/);
    });

    it('a cache marker on the 412 makes a stale cached read a medium suspect', () => {
      const failed = failedPut({ 'if-match': '"v1"' }, { responseHeaders: { date: 'Wed, 01 May 2024 10:05:00 GMT', via: '1.1 demo-cache', 'x-cache': 'MISS' } });
      const history = [observation('GET', 200, '2024-05-01T10:04:59.000Z', '"v1"')];
      const diagnosis = diagnose({ failed, history, probe: headProbe({ etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:04:58 GMT' }) });
      assert.deepEqual(causeIds(diagnosis).slice(0, 2), ['changed-by-another-client', 'intermediary-altered-validator']);
      assert.equal(diagnosis.causes[1].likelihood, 'medium');
      assert.match(evidenceOf(diagnosis, 'intermediary-altered-validator'), /A cache is on the path \(Via: 1\.1 demo-cache, X-Cache: MISS on the 412\)/);
    });

    it('a changed version that was also read compressed gets both causes', () => {
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v1-gzip"')];
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"v1-gzip"' }), history, probe: headProbe({ etag: '"v2"' }) });
      assert.deepEqual(causeIds(diagnosis), ['changed-by-another-client', 'intermediary-altered-validator']);
      assert.match(evidenceOf(diagnosis, 'intermediary-altered-validator'), /also ends in -gzip/);
    });

    it('a passing proxy alone (Via on the 412) is only a low hint', () => {
      const failed = failedPut({ 'if-match': '"v1"' }, { responseHeaders: { date: 'Wed, 01 May 2024 10:05:00 GMT', via: '1.1 proxy' } });
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v1"')];
      const diagnosis = diagnose({ failed, history, probe: headProbe({ etag: '"v2"' }) });
      assert.equal(diagnosis.causes[0].id, 'changed-by-another-client');
      assert.equal(diagnosis.causes.find((c) => c.id === 'intermediary-altered-validator')?.likelihood, 'low');
    });
  });

  describe('etag-mismatch', () => {
    it('a tag never received for this URL, quoting the ones that were', () => {
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v7"')];
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"0x0"' }), history, probe: headProbe({ etag: '"v7"' }) });
      assert.equal(diagnosis.causes[0].id, 'etag-mismatch');
      assert.equal(diagnosis.causes[0].likelihood, 'high');
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /"0x0", was never received for this URL: we recorded "v7" here, and the server holds "v7" now/);
    });

    it('a tag that differs only in its quotes', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': 'abc' }), probe: headProbe({ etag: '"abc"' }) });
      assert.deepEqual(causeIds(diagnosis).slice(0, 2), ['etag-mismatch', 'malformed-precondition']);
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /If-Match sent abc but the server's tag is "abc" .*: they differ only in the quotes\./);
    });

    it('a tag that differs only in letter case', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"ABC123"' }), probe: headProbe({ etag: '"abc123"' }) });
      assert.equal(diagnosis.causes[0].id, 'etag-mismatch');
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /differ only in letter case/);
    });

    it('single quotes count as a quoting difference', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': "'abc'" }), probe: headProbe({ etag: '"abc"' }) });
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /differ only in the quotes/);
    });

    it('a W/ added by hand: we only ever received the strong tag', () => {
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"abc"')];
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': 'W/"abc"' }), history, probe: headProbe({ etag: '"abc"' }) });
      assert.equal(diagnosis.causes[0].id, 'etag-mismatch');
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /differ only in the W\/ prefix/);
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /We never received W\/"abc" for this URL \(we recorded "abc"\)/);
    });

    it('a strong tag sent to a server that only issues weak ones', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"datetime\'2024\'"' }), probe: headProbe({ etag: 'W/"datetime\'2024\'"' }) });
      assert.equal(diagnosis.causes[0].id, 'etag-mismatch');
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /send If-Match: W\/"datetime'2024'"/);
    });

    it('If-None-Match: * on a resource that exists', () => {
      const failed = failedPut({ 'if-none-match': '*' });
      const diagnosis = diagnose({ failed, probe: headProbe({ etag: '"v1"' }) });
      assert.equal(diagnosis.causes[0].id, 'already-exists');
      assert.match(evidenceOf(diagnosis, 'already-exists'), /If-None-Match: \* means "only if no representation exists".*ETag "v1"/);
    });

    it('If-None-Match with the current tag on a write (meant If-Match)', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-none-match': '"v1"' }), probe: headProbe({ etag: '"v1"' }) });
      assert.equal(diagnosis.causes[0].id, 'etag-mismatch');
      assert.match(evidenceOf(diagnosis, 'etag-mismatch'), /use If-Match: "v1"/);
    });
  });

  it('a tag that matches the current one now leaves the raw facts (unknown) first', () => {
    const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"v1"' }), probe: headProbe({ etag: '"v1"' }) });
    assert.equal(diagnosis.causes[0].id, 'unknown');
    const evidence = evidenceOf(diagnosis, 'unknown');
    assert.match(evidence, new RegExp(`to PUT ${ITEM_URL.replace(/[./]/g, '\\$&')}`));
    assert.match(evidence, /If-Match "v1" matches the current tag "v1" \(HEAD probe at Wed, 01 May 2024 10:10:00 GMT\)/);
  });
});
