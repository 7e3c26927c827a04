import * as assert from 'node:assert/strict';
import { keyOfSavedUrl, normalizeUrl } from '../../../src/core/validators/normalizeUrl';
import { PERSISTED_VALIDATORS_VERSION } from '../../../src/core/validators/persistedValidators';
import { recordText } from '../../../src/core/validators/recordText';
import { SigningParameters } from '../../../src/core/validators/signingParameters';
import type { StoredValidator } from '../../../src/core/validators/storedValidator';
import { MemoryPersistence, newStore, response } from './fakes';

const BLOB = 'https://acct.blob.core.windows.net/c/doc.json';
const SAS_READ = `${BLOB}?sv=2021-08-06&st=2024-05-01T10%3A00%3A00Z&se=2024-05-01T11%3A00%3A00Z&sr=b&sp=r&sig=AAAA%2Bb%3D`;
const SAS_WRITE = `${BLOB}?sp=rw&sv=2022-11-02&sr=b&se=2024-05-02T00%3A00%3A00Z&sig=ZZZZ`;

describe('Resource identity: signing query parameters are not part of the key', () => {
  const same: Array<[string, string]> = [
    [SAS_READ, BLOB],
    [SAS_WRITE, BLOB],
    [`${BLOB}?comp=tags&sv=2021-08-06&sig=x`, `${BLOB}?comp=tags`],
    ['https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Date=20240501T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=f00', 'https://b.s3.amazonaws.com/k'],
    ['https://storage.googleapis.com/b/o?x-goog-algorithm=GOOG4-RSA-SHA256&x-goog-signature=ab&generation=7', 'https://storage.googleapis.com/b/o?generation=7'],
    ['https://d1.cloudfront.net/a.json?Expires=1714600000&Signature=abc~&Key-Pair-Id=K1', 'https://d1.cloudfront.net/a.json'],
    ['https://d1.cloudfront.net/a.json?Policy=eyJ&Signature=abc&Key-Pair-Id=K1', 'https://d1.cloudfront.net/a.json'],
    ['https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIA&Expires=1714600000&Signature=x%2By', 'https://b.s3.amazonaws.com/k'],
    ['https://api.example.com/items/1?access_token=t&page=2&api_key=k&apikey=k2&token=z&code=c', 'https://api.example.com/items/1?page=2'],
    ['https://api.example.com/items/1?X%2DAmz%2DSignature=f&TOKEN=x', 'https://api.example.com/items/1'],
  ];
  for (const [url, key] of same) {
    it(`keys ${url} as ${key}`, () => {
      assert.equal(normalizeUrl(url), key);
      assert.equal(keyOfSavedUrl(url), key);
    });
  }

  it('keeps the other parameters byte for byte and in order', () => {
    assert.equal(normalizeUrl('https://api.example.com/a?z=1&sig=s&a=%41&b&sv=1'), 'https://api.example.com/a?z=1&a=%41&b');
  });

  it("keeps Azure's short words when no `sig` signs them: on other APIs they are data", () => {
    const url = 'https://api.example.com/list?st=open&sr=date&sp=1&se=x';
    assert.equal(normalizeUrl(url), url);
    assert.equal(normalizeUrl('https://api.example.com/list?Expires=soon&Policy=p'), 'https://api.example.com/list?Expires=soon&Policy=p');
  });

  it('takes more names, and prefixes ending in *, from the ignoredQueryParameters setting', () => {
    const signing = new SigningParameters(['X-Session', 'hmac_*', '', '*']);
    assert.equal(normalizeUrl('https://api.example.com/a?x-session=1&hmac_ts=2&hmac_sig=3&q=4', signing), 'https://api.example.com/a?q=4');
    assert.equal(normalizeUrl('https://api.example.com/a?x-session=1&q=4'), 'https://api.example.com/a?x-session=1&q=4');
  });

  it('files a GET through one SAS URL and a PUT through another under one record', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"0x1"' }, SAS_READ));
    store.recordResponse(response('PUT', 412, {}, SAS_WRITE));
    assert.equal(store.size, 1);
    assert.equal(store.get(SAS_WRITE)?.etag, '"0x1"');
    assert.equal(store.freshestEtag(BLOB), '"0x1"');
    assert.deepEqual(store.get(BLOB)?.history.map((h) => h.method), ['PUT', 'GET']);
    assert.equal(store.keyOf(SAS_READ), store.keyOf(SAS_WRITE));
  });

  it('merges, when the setting names a parameter, the records it used to keep apart', () => {
    const store = newStore();
    store.recordResponse(response('GET', 200, { etag: '"v1"' }, 'https://api.example.com/a?session=1'));
    store.recordResponse(response('GET', 200, { etag: '"v2"' }, 'https://api.example.com/a?session=2'));
    store.recordResponse(response('GET', 200, { etag: '"b"' }, 'https://api.example.com/b'));
    const events: unknown[] = [];
    store.onDidChange((event) => events.push(event));
    store.setIgnoredQueryParameters(['session']);
    assert.equal(store.size, 2);
    assert.equal(store.freshestEtag('https://api.example.com/a?session=9'), '"v2"');
    assert.deepEqual(store.get('https://api.example.com/a')?.history.map((h) => h.etag), ['"v2"', '"v1"']);
    assert.deepEqual(events, [{ kind: 'changed', urls: ['https://api.example.com/a'], removed: ['https://api.example.com/a?session=1', 'https://api.example.com/a?session=2'] }]);
    // Recency order holds: the merged record is as recent as its more recent half.
    assert.deepEqual(store.all().map((r) => r.url), ['https://api.example.com/a', 'https://api.example.com/b']);
  });
});

describe('Resource identity: validators saved under signed URLs by an earlier version', () => {
  const saved = (url: string, etag: string, observedAt: string, method = 'GET', status = 200): string =>
    recordText({
      url, etag, weak: false, observedAt, status, method, state: 'current',
      representations: [{ etag, weak: false, observedAt }],
      history: [{ etag, observedAt, status, method }],
    } as StoredValidator);

  it('merge into the resource record on load: the newer decides, both histories stay', () => {
    const persistence = new MemoryPersistence({
      version: PERSISTED_VALIDATORS_VERSION,
      records: [
        saved(SAS_WRITE, '"0x2"', '2024-05-01T10:05:00.000Z', 'PUT', 201),
        saved('https://api.example.com/other', '"o"', '2024-05-01T10:06:00.000Z'),
        saved(SAS_READ, '"0x1"', '2024-05-01T10:00:00.000Z'),
      ],
    });
    const store = newStore({ persistence });
    assert.equal(store.size, 2);
    const record = store.get(BLOB);
    assert.equal(record?.url, BLOB);
    assert.equal(record?.etag, '"0x2"');
    assert.equal(record?.method, 'PUT');
    assert.deepEqual(record?.history.map((h) => h.etag), ['"0x2"', '"0x1"']);
  });

  it('leave the saved state at the next save: no signature stays in it', async () => {
    const persistence = new MemoryPersistence({ version: PERSISTED_VALIDATORS_VERSION, records: [saved(SAS_READ, '"0x1"', '2024-05-01T10:00:00.000Z')] });
    const store = newStore({ persistence });
    store.recordResponse(response('GET', 200, { etag: '"o"' }, 'https://api.example.com/other'));
    await store.flush();
    assert.doesNotMatch(JSON.stringify(persistence.data), /sig=|sv=/);
    assert.equal(newStore({ persistence }).freshestEtag(SAS_WRITE), '"0x1"');
  });
});
