import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { lintHttpFile } from '../../../src/core/lint/lintHttpFile';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import type { NamedExchange, ReferenceContext } from '../../../src/core/variables/resolveReference';
import { resolveRequest, type ResolveOptions } from '../../../src/core/variables/resolveRequest';
import { assertFindingsInside, assertProblemsInside, documentLines } from './documentBounds';
import { fuzzParameters } from './fuzzSettings';
import { damagedHttp, megabyteDocument, megabyteLine, preconditionHttp } from './httpInputs';

const LOGIN: NamedExchange = {
  requestHeaders: { host: 'localhost:8080', authorization: 'Bearer x' },
  requestBody: '{"user":"a"}',
  response: { status: 200, responseHeaders: { etag: '"v7"', 'last-modified': 'Sun, 06 Nov 1994 08:49:37 GMT' }, bodyText: '{"id":7,"items":[{"etag":"W/\\"a\\""}]}' },
};

/** The smallest context that lets every kind of reference resolve or fail: one sent request, one validator, one variable of each source. */
function context(requestNames: ReadonlySet<string>): ResolveOptions {
  const base: ReferenceContext = {
    environment: { baseUrl: 'http://localhost:8080', id: '7', etag: '"v1"' },
    environmentName: 'dev',
    requestNames: new Set([...requestNames, 'login']),
    namedExchange: (name) => (name === 'login' ? LOGIN : undefined),
    validators: { freshestEtag: () => '"v9"', freshestLastModified: () => 'Sun, 06 Nov 1994 08:49:37 GMT' },
    now: () => new Date('2026-01-01T00:00:00Z'),
    random: () => 0.5,
    processEnv: { HOME: '/home/a' },
    dotenv: { KEY: 'k' },
    lookupEnvironment: (name) => (name === 'name' ? 'HOME' : undefined),
  };
  return { ...base, readBodyFile: async (relativePath) => new TextEncoder().encode(`{"file":"${relativePath}","v":"{{id}}"}`) };
}

function namesIn(text: string): Set<string> {
  return new Set(parseHttpFile(text).requests.flatMap((request) => (request.name ? [request.name] : [])));
}

/** Lints without throwing, and every finding underlines a range inside the document. */
function lintsInsideTheDocument(text: string): void {
  const findings = lintHttpFile(parseHttpFile(text), context(namesIn(text)));
  assertFindingsInside(text, findings);
}

/** Resolves every request without rejecting; every error points inside the document; a request that resolves carries no line break in a header. */
async function resolvesInsideTheDocument(text: string): Promise<void> {
  const parsed = parseHttpFile(text);
  const options = context(namesIn(text));
  const lines = documentLines(text);
  for (const request of parsed.requests) {
    const resolved = await resolveRequest(parsed, request, options);
    if (resolved.ok) {
      for (const [name, value] of resolved.request.headers) {
        assert.ok(!/[\r\n\0]/.test(name + value), `header ${JSON.stringify(name)} resolved to a value with CR, LF or NUL`);
      }
      assert.ok(!/[\r\n\0]/.test(resolved.request.url), 'the URL resolved to one with CR, LF or NUL');
    } else {
      assert.ok(resolved.errors.length > 0);
      assertProblemsInside(lines, resolved.errors, `request ${request.index} resolve error`);
    }
  }
}

describe('fuzz: lintHttpFile and resolveRequest never throw and point inside the document', function () {
  this.timeout(120_000);

  it('lints files full of preconditions, variables and mistakes', () => {
    fc.assert(fc.property(preconditionHttp, lintsInsideTheDocument), fuzzParameters(8_000));
  });

  it('lints damaged files', () => {
    fc.assert(fc.property(damagedHttp, lintsInsideTheDocument), fuzzParameters(4_000));
  });

  it('resolves files full of preconditions, variables and mistakes', async () => {
    await fc.assert(fc.asyncProperty(preconditionHttp, resolvesInsideTheDocument), fuzzParameters(8_000));
  });

  it('resolves damaged files', async () => {
    await fc.assert(fc.asyncProperty(damagedHttp, resolvesInsideTheDocument), fuzzParameters(5_000));
  });

  it('lints and resolves 1 MB lines', async () => {
    await fc.assert(
      fc.asyncProperty(megabyteLine, async (recipe) => {
        const text = megabyteDocument(recipe);
        lintsInsideTheDocument(text);
        await resolvesInsideTheDocument(text);
      }),
      fuzzParameters(20, true),
    );
  });
});
