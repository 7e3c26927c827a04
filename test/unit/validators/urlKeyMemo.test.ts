import * as assert from 'node:assert/strict';
import { URL_KEY_MEMO_LIMIT, UrlKeyMemo, normalizeUrl } from '../../../src/core/validators/normalizeUrl';
import { URL_A, newStore, response } from './fakes';

const SPELLINGS_OF_A = [URL_A, 'HTTPS://API.EXAMPLE.COM:443/items/1', ' https://api.example.com/items/1#top', 'https://me:pw@api.example.com/items/1'];
const NOT_URLS = ['', 'not a url', '/items/1', 'ftp://api.example.com/items/1', '{{host}}/items/1'];

describe('UrlKeyMemo', () => {
  it('answers as normalizeUrl does, on first sight and from memory', () => {
    const memo = new UrlKeyMemo();
    for (let round = 0; round < 2; round++) {
      for (const input of [...SPELLINGS_OF_A, ...NOT_URLS]) assert.equal(memo.keyOf(input), normalizeUrl(input), input);
    }
  });

  it('still answers correctly once it has seen more URLs than it keeps', () => {
    const memo = new UrlKeyMemo(3);
    for (let round = 0; round < 3; round++) {
      for (const input of [...SPELLINGS_OF_A, ...NOT_URLS]) assert.equal(memo.keyOf(input), normalizeUrl(input), input);
    }
  });

  it('returns undefined for a non-string at run time', () => {
    assert.equal(new UrlKeyMemo().keyOf(42 as unknown as string), undefined);
  });
});

describe('ValidatorStore: URLs it has seen before', () => {
  it('files every spelling of a URL under one record once they are remembered', () => {
    const store = newStore();
    for (let round = 0; round < 2; round++) {
      for (const [i, url] of SPELLINGS_OF_A.entries()) store.recordResponse(response('GET', 200, { etag: `"v${i}"` }, url));
    }
    assert.equal(store.size, 1);
    assert.equal(store.get(URL_A)?.history.length, 2 * SPELLINGS_OF_A.length);
    assert.equal(store.markUsed(SPELLINGS_OF_A[1], '"v0"'), true);
    assert.equal(store.markUsed(SPELLINGS_OF_A[2], '"v0"'), false);
    assert.equal(store.get(URL_A)?.usedEtag, '"v0"');
  });

  it('keys correctly after more distinct URLs than it remembers', () => {
    const store = newStore({ maxEntries: URL_KEY_MEMO_LIMIT * 2 });
    const urlOf = (i: number) => `https://api.example.com/items/${i}`;
    for (let i = 0; i < URL_KEY_MEMO_LIMIT + 10; i++) store.recordResponse(response('GET', 200, { etag: '"v1"' }, urlOf(i)));
    store.recordResponse(response('GET', 200, { etag: '"v2"' }, 'HTTPS://API.EXAMPLE.COM/items/0#again'));
    store.recordResponse(response('GET', 200, { etag: '"v2"' }, urlOf(URL_KEY_MEMO_LIMIT + 9)));
    assert.equal(store.size, URL_KEY_MEMO_LIMIT + 10);
    assert.equal(store.freshestEtag(urlOf(0)), '"v2"');
    assert.equal(store.get(urlOf(URL_KEY_MEMO_LIMIT + 9))?.history.length, 2);
  });

  it('keeps refusing text that is not a URL, with a log line each time', () => {
    const messages: string[] = [];
    const store = newStore({ log: (m) => messages.push(m) });
    for (let round = 0; round < 2; round++) store.recordResponse(response('GET', 200, { etag: '"v1"' }, '{{host}}/items/1'));
    assert.equal(store.size, 0);
    assert.equal(messages.length, 2);
    assert.equal(store.markUsed('{{host}}/items/1', '"v1"'), false);
  });
});
