import * as assert from 'node:assert/strict';
import { URL_A, newStore, response } from './fakes';

const LM1 = 'Wed, 01 May 2024 09:00:00 GMT';
const LM2 = 'Wed, 01 May 2024 09:30:00 GMT';

describe('ValidatorStore status and method rules', () => {
  describe('successful reads', () => {
    it('records ETag and Last-Modified as received, the weak flag, Date, status, method and arrival time', () => {
      const store = newStore();
      const arrival = new Date('2024-05-01T12:00:00.000Z');
      store.recordResponse(
        response('get', 200, { etag: 'W/"v1"', 'last-modified': LM1, date: 'Wed, 01 May 2024 11:59:58 GMT' }),
        arrival,
      );
      const record = store.get(URL_A);
      assert.ok(record);
      assert.equal(record.url, URL_A);
      assert.equal(record.etag, 'W/"v1"');
      assert.equal(record.weak, true);
      assert.equal(record.lastModified, LM1);
      assert.equal(record.serverDate, 'Wed, 01 May 2024 11:59:58 GMT');
      assert.equal(record.status, 200);
      assert.equal(record.method, 'GET');
      assert.equal(record.observedAt, '2024-05-01T12:00:00.000Z');
      assert.equal(record.state, 'current');
      assert.deepEqual(record.history, [
        { etag: 'W/"v1"', lastModified: LM1, observedAt: '2024-05-01T12:00:00.000Z', status: 200, method: 'GET' },
      ]);
    });

    it('records a strong tag as strong and an unquoted one as received', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      assert.equal(store.get(URL_A)?.weak, false);
      store.recordResponse(response('GET', 200, { etag: 'v2' }));
      assert.equal(store.get(URL_A)?.etag, 'v2');
    });

    it('finds validator headers whatever the case of their names', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { ETag: '"v1"', 'Content-Encoding': 'GZIP' }));
      assert.equal(store.get(URL_A)?.etag, '"v1"');
      assert.equal(store.get(URL_A)?.contentEncoding, 'gzip');
    });

    it('records a HEAD the same as a GET', () => {
      const store = newStore();
      store.recordResponse(response('HEAD', 200, { etag: '"v1"' }));
      assert.equal(store.freshestEtag(URL_A), '"v1"');
    });

    it('replaces a tag with a newer one and drops a Last-Modified that belonged to the old version', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(response('GET', 200, { etag: '"v2"' }));
      assert.equal(store.get(URL_A)?.etag, '"v2"');
      assert.equal(store.get(URL_A)?.lastModified, undefined);
    });

    it('keeps the Last-Modified when the same tag comes back without it', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      assert.equal(store.get(URL_A)?.lastModified, LM1);
    });
  });

  describe('responses that teach nothing', () => {
    for (const [method, status] of [
      ['GET', 404],
      ['GET', 500],
      ['GET', 200],
      ['GET', 301],
      ['POST', 201],
      ['GET', 0],
      ['PUT', 412],
      ['PUT', 428],
      ['GET', 304],
    ] as const) {
      it(`${method} ${status} without validators creates no record`, () => {
        const store = newStore();
        assert.equal(store.recordResponse(response(method, status)), undefined);
        assert.equal(store.size, 0);
      });
    }

    it('ignores validators on error responses: they describe the error page', () => {
      const store = newStore();
      store.recordResponse(response('GET', 500, { etag: '"error-page"' }));
      assert.equal(store.size, 0);
    });

    it('ignores validators on a POST: a 201 tag belongs to the created resource', () => {
      const store = newStore();
      store.recordResponse(response('POST', 201, { etag: '"child"' }));
      assert.equal(store.size, 0);
    });

    it('does not record an unparseable URL', () => {
      const messages: string[] = [];
      const store = newStore({ log: (m) => messages.push(m) });
      assert.equal(store.recordResponse(response('GET', 200, { etag: '"v1"' }, '{{host}}/x')), undefined);
      assert.equal(store.size, 0);
      assert.equal(messages.length, 1);
    });

    it('adds a later error to the history of a known URL without touching its validators', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('GET', 500));
      const record = store.get(URL_A);
      assert.equal(record?.etag, '"v1"');
      assert.equal(record?.status, 500);
      assert.equal(record?.state, 'current');
      assert.deepEqual(record?.history.map((h) => h.status), [500, 200]);
    });
  });

  describe('304 Not Modified', () => {
    it('refreshes the time and keeps the known tag when it carries none', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': LM1 }), new Date('2024-05-01T10:00:00Z'));
      store.recordResponse(response('GET', 304), new Date('2024-05-01T11:00:00Z'));
      const record = store.get(URL_A);
      assert.equal(record?.etag, '"v1"');
      assert.equal(record?.lastModified, LM1);
      assert.equal(record?.status, 304);
      assert.equal(record?.observedAt, '2024-05-01T11:00:00.000Z');
      assert.equal(record?.representations[0].observedAt, '2024-05-01T11:00:00.000Z');
      assert.equal(record?.history.length, 2);
      assert.equal(record?.history[0].etag, undefined);
    });

    it('uses the tag a 304 carries', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('GET', 304, { etag: '"v1b"' }));
      assert.equal(store.freshestEtag(URL_A), '"v1b"');
    });

    it('creates a record from a 304 that carries a tag', () => {
      const store = newStore();
      store.recordResponse(response('GET', 304, { etag: '"v1"' }));
      assert.equal(store.freshestEtag(URL_A), '"v1"');
    });

    it('refreshes the coding whose tag it confirms, even without a Content-Encoding', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('GET', 200, { etag: 'W/"v1"', 'content-encoding': 'gzip' }));
      store.recordResponse(response('GET', 304, { etag: '"v1"' }));
      const record = store.get(URL_A);
      assert.equal(record?.representations.length, 2);
      assert.equal(record?.contentEncoding, undefined);
      assert.equal(record?.representations[0].etag, '"v1"');
    });

    it('makes a record that went stale current again', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('PUT', 204));
      store.recordResponse(response('GET', 304, { etag: '"v1"' }));
      assert.equal(store.get(URL_A)?.state, 'current');
      assert.equal(store.freshestEtag(URL_A), '"v1"');
    });
  });

  describe('412 and 428', () => {
    for (const status of [412, 428]) {
      it(`${status} without validators keeps the known tag`, () => {
        const store = newStore();
        store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': LM1 }));
        store.recordResponse(response('PUT', status));
        const record = store.get(URL_A);
        assert.equal(record?.etag, '"v1"');
        assert.equal(record?.lastModified, LM1);
        assert.equal(record?.status, status);
        assert.equal(record?.method, 'PUT');
        assert.equal(store.freshestEtag(URL_A), '"v1"');
        assert.deepEqual(record?.history.map((h) => h.status), [status, 200]);
      });
    }

    it('412 that carries the current ETag records it', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('PUT', 412, { etag: '"v2"' }));
      assert.equal(store.freshestEtag(URL_A), '"v2"');
      assert.equal(store.get(URL_A)?.state, 'current');
    });

    it('412 that carries only a Last-Modified keeps the tag and updates the date', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"', 'last-modified': LM1 }));
      store.recordResponse(response('PUT', 412, { 'last-modified': LM2 }));
      assert.equal(store.get(URL_A)?.etag, '"v1"');
      assert.equal(store.freshestLastModified(URL_A), LM2);
    });

    it('412 that carries an ETag for an unknown URL creates the record', () => {
      const store = newStore();
      store.recordResponse(response('DELETE', 412, { etag: '"v9"' }));
      assert.equal(store.freshestEtag(URL_A), '"v9"');
    });

    it('412 with only a Last-Modified leaves a stale record stale', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('PUT', 204));
      store.recordResponse(response('PUT', 412, { 'last-modified': LM2 }));
      assert.equal(store.get(URL_A)?.state, 'changed-unknown');
    });
  });

  describe('successful writes', () => {
    for (const method of ['PUT', 'PATCH']) {
      it(`${method} 2xx without validators marks the record changed, validator unknown`, () => {
        const store = newStore();
        store.recordResponse(response('GET', 200, { etag: '"v1"' }), new Date('2024-05-01T10:00:00Z'));
        store.recordResponse(response(method, 204), new Date('2024-05-01T10:05:00Z'));
        const record = store.get(URL_A);
        assert.equal(record?.state, 'changed-unknown');
        assert.equal(record?.staleSince, '2024-05-01T10:05:00.000Z');
        assert.equal(record?.etag, '"v1"', 'the last tag received stays visible');
        assert.equal(store.freshestEtag(URL_A), undefined, 'but is never offered as fresh');
      });
    }

    it('PUT 2xx with a new ETag records it as current and drops the other codings', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('GET', 200, { etag: 'W/"v1"', 'content-encoding': 'gzip' }));
      store.recordResponse(response('PUT', 200, { etag: '"v2"' }));
      const record = store.get(URL_A);
      assert.equal(record?.state, 'current');
      assert.equal(store.freshestEtag(URL_A), '"v2"');
      assert.deepEqual(record?.representations.map((r) => r.etag), ['"v2"']);
    });

    it('a write to an unknown URL creates a record so the view can offer a refresh', () => {
      const store = newStore();
      store.recordResponse(response('PUT', 201));
      assert.equal(store.get(URL_A)?.state, 'changed-unknown');
    });

    it('DELETE 2xx marks the resource gone', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('DELETE', 204));
      assert.equal(store.get(URL_A)?.state, 'gone');
      assert.equal(store.freshestEtag(URL_A), undefined);
    });

    it('DELETE 2xx marks gone even when it carries an ETag', () => {
      const store = newStore();
      store.recordResponse(response('DELETE', 200, { etag: '"v1"' }));
      assert.equal(store.get(URL_A)?.state, 'gone');
    });

    it('keeps the time it first went stale', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('PUT', 204), new Date('2024-05-01T10:00:00Z'));
      store.recordResponse(response('DELETE', 204), new Date('2024-05-01T10:01:00Z'));
      assert.equal(store.get(URL_A)?.state, 'gone');
      assert.equal(store.get(URL_A)?.staleSince, '2024-05-01T10:00:00.000Z');
    });

    it('a 404 to GET on a known resource marks it gone', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('GET', 404));
      assert.equal(store.get(URL_A)?.state, 'gone');
    });

    it('a gone resource that answers 200 without a tag is changed, validator unknown', () => {
      const store = newStore();
      store.recordResponse(response('GET', 200, { etag: '"v1"' }));
      store.recordResponse(response('DELETE', 204));
      store.recordResponse(response('GET', 200));
      assert.equal(store.get(URL_A)?.state, 'changed-unknown');
    });

    it('a gone resource that answers with a tag is current again', () => {
      const store = newStore();
      store.recordResponse(response('DELETE', 204));
      store.recordResponse(response('GET', 200, { etag: '"new"' }));
      assert.equal(store.get(URL_A)?.state, 'current');
      assert.equal(store.get(URL_A)?.staleSince, undefined);
      assert.equal(store.freshestEtag(URL_A), '"new"');
    });
  });

  describe('history', () => {
    it('keeps the last 20 observations, newest first', () => {
      const store = newStore();
      for (let i = 1; i <= 25; i++) store.recordResponse(response('GET', 200, { etag: `"v${i}"` }));
      const history = store.get(URL_A)?.history ?? [];
      assert.equal(history.length, 20);
      assert.equal(history[0].etag, '"v25"');
      assert.equal(history[19].etag, '"v6"');
    });
  });

  it('returns frozen records that later updates do not change', () => {
    const store = newStore();
    const first = store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    store.recordResponse(response('GET', 200, { etag: '"v2"' }));
    assert.ok(first);
    assert.equal(first.etag, '"v1"');
    assert.throws(() => {
      (first as { etag?: string }).etag = '"x"';
    }, TypeError);
  });

  it('freezes the lists and entries of every record, and later updates leave them as they were', () => {
    const store = newStore();
    const first = store.recordResponse(response('GET', 200, { etag: '"v1"', 'content-encoding': 'gzip' }));
    assert.ok(first);
    const firstHistory = [...first.history];
    store.recordResponse(response('GET', 200, { etag: '"v2"' }));
    store.markUsed(URL_A, '"v2"');
    store.recordResponse(response('GET', 304, {}));
    for (const record of [first, store.get(URL_A)!]) {
      assert.ok(Object.isFrozen(record));
      assert.ok(Object.isFrozen(record.representations) && record.representations.every(Object.isFrozen));
      assert.ok(Object.isFrozen(record.history) && record.history.every(Object.isFrozen));
    }
    assert.deepEqual(first.history, firstHistory);
    assert.equal(first.representations.length, 1);
    assert.equal(store.get(URL_A)?.history.length, 3);
  });

  it('stamps responses of the same second with their own millisecond', () => {
    let time = Date.parse('2024-05-01T10:00:00.000Z');
    const store = newStore({ now: () => new Date((time += 7)) });
    for (let i = 0; i < 3; i++) store.recordResponse(response('GET', 200, { etag: '"v1"' }));
    assert.deepEqual(
      store.get(URL_A)?.history.map((h) => h.observedAt),
      ['2024-05-01T10:00:00.021Z', '2024-05-01T10:00:00.014Z', '2024-05-01T10:00:00.007Z'],
    );
  });
});
