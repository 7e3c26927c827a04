import { strict as assert } from 'node:assert';
import { isPreconditionFailure, latestExchangeFor } from '../../../src/core/send/exchangeForResource';
import type { RecordedExchange } from '../../../src/core/send/exchangeHistory';
import { normalizeUrl } from '../../../src/core/validators/normalizeUrl';

const exchange = (documentKey: string, requestLine: number, url: string, status: number): RecordedExchange => ({
  documentKey,
  requestLine,
  at: new Date(0),
  result: { method: 'PUT', url, requestHeaders: {}, status, statusText: '', responseHeaders: {}, bodyText: '', durationMs: 1 },
});

describe('the request behind a Validators row', () => {
  const newestFirst = [
    exchange('b.http', 4, 'HTTP://API.test:80/items/1', 200),
    exchange('a.http', 7, 'http://api.test/items/1', 412),
    exchange('a.http', 2, 'http://api.test/items/2', 412),
  ];

  it('is the newest exchange to that URL, however the URL was written', () => {
    assert.equal(latestExchangeFor(newestFirst, 'http://api.test/items/1', normalizeUrl)?.documentKey, 'b.http');
  });

  it('for Explain, the newest 412/428/409 to it', () => {
    const failed = latestExchangeFor(newestFirst, 'http://api.test/items/1', normalizeUrl, isPreconditionFailure);
    assert.deepEqual([failed?.documentKey, failed?.requestLine], ['a.http', 7]);
    assert.equal(latestExchangeFor(newestFirst, 'http://api.test/items/3', normalizeUrl), undefined);
  });
});
