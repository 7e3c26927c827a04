import * as fs from 'node:fs';
import fc from 'fast-check';
import { corpusFiles } from '../support/corpus';

/**
 * Generators for `.http` text: well-formed pieces in hostile arrangements, raw noise,
 * and mutations of real files. Each produces the whole document as one string.
 */

/** Characters the parser and its regexes treat specially, plus ones that break naive code (NUL, BOM, U+2028, a lone surrogate). */
const SPECIAL_CHARACTERS = [
  '{', '}', '{{', '}}', ' ', '\t', ':', '#', '###', '@', '"', ',', '\0', '\ufeff', '\u2028', '\u2029', '\u00a0',
  '\ud800', '\udc00', '😀', 'é', '%', '<', '>', '/', '?', '&', '=', 'W/', '*', '\\', '$', '.', '-', 'a', 'Z', '9', '\r', '\n',
];

const special = fc.string({ unit: fc.constantFrom(...SPECIAL_CHARACTERS), maxLength: 40, size: 'medium' });
const anyText = fc.string({ unit: 'binary', maxLength: 40, size: 'medium' });
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'x', 'id', 'name', 'etag', 'base', 'Url', '1', '-', '_', '.'), minLength: 1, maxLength: 5 });
const noise = fc.oneof({ arbitrary: special, weight: 3 }, { arbitrary: anyText, weight: 1 });

const variableReference = fc.oneof(
  fc.constantFrom('{{baseUrl}}', '{{etag}}', '{{$etag}}', '{{$lastModified}}', '{{$guid}}', '{{$timestamp -1 d}}', '{{$datetime rfc1123}}',
    '{{$datetime "YYYY-MM-DD[T]HH:mm"}}', '{{$randomInt 1 9}}', '{{$processEnv HOME}}', '{{$processEnv %name}}', '{{$dotenv KEY}}',
    '{{login.response.headers.ETag}}', '{{login.response.body.$.id}}', '{{login.response.body.$[0]}}', '{{login.request.headers.Host}}',
    '{{missing}}', '{{}}', '{{ a }}', '{{{{a}}}}', '{{', '}}', '{{a}', '{{$unknown}}', '{{cycle}}', '{{deep}}'),
  word.map((name) => `{{${name}}}`),
);

const method = fc.constantFrom('GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PURGE', 'get', 'put', 'GRPC', 'WS', 'HTTP/1.1', 'QUERY', '');
const url = fc.oneof(
  fc.constantFrom('http://localhost:8080/items/1', '{{baseUrl}}/items/{{id}}', '/relative/path', 'example.com/path', 'https://a.test/b?x=1&y={{id}}',
    'http://a/ b', 'http://a/{{', 'http://[::1]:3000/', 'ftp://a/', 'http://user:pw@a/', 'http://a/%zz', '', '{{baseUrl}}'),
  fc.tuple(fc.constantFrom('http://localhost/', '{{baseUrl}}/', ''), noise).map(([start, rest]) => start + rest),
);
const version = fc.constantFrom('', ' HTTP/1.1', '  HTTP/2', ' http/1.0', ' HTTP/1.12', '\tHTTP/1.1', ' HTTP/1.1 ', ' HTTP/');
const indent = fc.constantFrom('', '', '', ' ', '  ', '\t');
const requestLine = fc.tuple(indent, method, fc.constantFrom(' ', '  ', '\t', ''), url, version).map((parts) => parts.join(''));

const headerName = fc.oneof(
  fc.constantFrom('If-Match', 'If-None-Match', 'If-Modified-Since', 'If-Unmodified-Since', 'if-match', 'Content-Type', 'Host', 'Authorization',
    'Content-Length', 'X-{{name}}', 'Bad Name', 'a', '', 'ETag', 'X-Trace'),
  word,
);
const headerSeparator = fc.constantFrom(': ', ':', ' : ', ':  ', ' :', '\t:\t', ': :', ' :: ');
const entityTags = fc.constantFrom('"abc"', 'W/"x"', '*', '*, "a"', 'abc', "'abc'", '"a", W/"b"', '"a,b"', '"é"', 'w/"x"', '"unterminated', '"a" "b"', ',,,', '"a"-gzip', '"v1"');
const httpDates = fc.constantFrom('Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', '2024-01-01T00:00:00Z',
  '1700000000', 'sun, 06 nov 1994 08:49:37 gmt', 'Sun, 30 Feb 1994 08:49:37 GMT', 'Sun, 6 Nov 1994 08:49:37 +0200', 'Tue Mar 04 2026 05:06:07 GMT+0100', 'yesterday');
const headerValue = fc.oneof(entityTags, httpDates, variableReference, noise, fc.constantFrom('application/json', 'localhost:8080', 'http://localhost:9000/', ''));
const header = fc.tuple(headerName, headerSeparator, headerValue, fc.constantFrom('', '', ' ', '\t', '  ')).map((parts) => parts.join(''));

const metadata = fc.tuple(fc.constantFrom('# @', '// @', '#@', '  # @', '# @ '), fc.constantFrom('name', 'no-redirect', 'note', 'name=', '1bad'), fc.constantFrom('', ' ', ' = ', '='), fc.oneof(word, noise))
  .map((parts) => parts.join(''));
const fileVariable = fc.tuple(fc.constantFrom('@', ' @', '@@'), fc.oneof(word, fc.constantFrom('baseUrl', 'etag', 'id', 'cycle', 'deep', 'a.b')), fc.constantFrom(' = ', '=', ' =', '= ', '=  '), fc.oneof(headerValue, url))
  .map((parts) => parts.join(''));
const separator = fc.tuple(fc.constantFrom('###', '### ', '####', '###{{'), fc.oneof(fc.constant(''), word, noise)).map((parts) => parts.join(''));
const comment = fc.tuple(fc.constantFrom('#', '//', '  #', '# ', '//'), noise).map((parts) => parts.join(''));
const bodyLine = fc.oneof(
  fc.constantFrom('{', '}', '"name": "{{name}}"', '"etag": "{{$etag}}"', '[1, 2]', '< ./payload.json', '<@ ./payload.json', '<@latin1 ./p.txt', '< ',
    '> {%', 'client.log(response.status);', '%}', '> {% client.test("x") %}', '> ./handler.js', '>> out.json', '>>! out.json', '<> previous.json',
    'text with {{name}} inside', '{{', '--boundary', 'Content-Disposition: form-data; name="a"'),
  noise,
);
const scriptLine = fc.constantFrom('{{', '}}', '{{@pre', '{{ @post  ', 'import ./shared.http', 'run #login', '< {%', '> {%', '%}', '< ./pre.js');
const continuation = fc.tuple(fc.constantFrom('  ', '', '\t', '    '), fc.constantFrom('?a=1', '&b={{id}}', '/path', '/p HTTP/1.1', '?', '&', '?x HTTP/2  '), fc.oneof(fc.constant(''), noise))
  .map((parts) => parts.join(''));
const blank = fc.constantFrom('', ' ', '\t', '   ', '\u00a0');

/** One line of a plausible-looking .http file; every kind of line the parser distinguishes, often slightly wrong. */
export const httpLine = fc.oneof(
  { arbitrary: requestLine, weight: 4 },
  { arbitrary: header, weight: 6 },
  { arbitrary: metadata, weight: 1 },
  { arbitrary: fileVariable, weight: 2 },
  { arbitrary: separator, weight: 2 },
  { arbitrary: comment, weight: 1 },
  { arbitrary: bodyLine, weight: 3 },
  { arbitrary: scriptLine, weight: 1 },
  { arbitrary: continuation, weight: 1 },
  { arbitrary: blank, weight: 3 },
  { arbitrary: noise, weight: 2 },
);

const lineEnding = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\n', '\r');

/** Lines joined by a random mix of LF, CRLF and CR, sometimes with a BOM in front and an ending at the end. */
export function joinLines(lines: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc.tuple(lines, fc.array(lineEnding, { maxLength: 80 }), fc.boolean(), fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([parts, endings, bom, trailing, uniform]) => {
      let text = bom ? '\ufeff' : '';
      parts.forEach((line, index) => {
        text += line;
        if (index < parts.length - 1 || trailing) text += endings.length > 0 ? endings[index % endings.length] : uniform;
      });
      return text;
    });
}

/** A whole document of plausible lines. */
export const structuredHttp = joinLines(fc.array(httpLine, { minLength: 1, maxLength: 60, size: 'large' }));

/** A document built around preconditions and variables, for the lints and the resolver. */
const preconditionLine = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom('If-Match', 'If-None-Match', 'if-none-match'), headerSeparator, fc.oneof(entityTags, variableReference, noise)).map((p) => p.join('')), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom('If-Modified-Since', 'If-Unmodified-Since'), headerSeparator, fc.oneof(httpDates, variableReference, noise)).map((p) => p.join('')), weight: 3 },
  { arbitrary: fc.constantFrom('@etag = W/"v1"', '@etag = abc', '@date = 2024-01-01T00:00:00Z', '@cycle = {{cycle}}', '@deep = {{baseUrl}}{{etag}}{{deep}}',
    '@baseUrl = http://localhost:8080', '@id = 7', '# @name login', '###', 'Host: localhost:8080', 'Host: {{baseUrl}}'), weight: 3 },
  { arbitrary: httpLine, weight: 4 },
);
export const preconditionHttp = joinLines(
  fc.tuple(requestLine, fc.array(preconditionLine, { minLength: 1, maxLength: 30, size: 'large' })).map(([first, rest]) => [first, ...rest]),
);

/** Raw bytes read the two ways a file can be decoded: as UTF-8 (invalid sequences become U+FFFD) and as Latin-1. */
export const randomBytesText = fc.tuple(fc.uint8Array({ maxLength: 4000, size: 'large' }), fc.boolean())
  .map(([bytes, utf8]) => Buffer.from(bytes).toString(utf8 ? 'utf8' : 'latin1'));

/** Any code points at all, surrogate pairs included. */
export const randomUnicodeText = fc.string({ unit: 'binary', maxLength: 3000, size: 'large' });

/**
 * A plausible document, then damaged the way real text gets damaged: NULs, BOMs and
 * stray CRs in the middle, an unterminated `{{`, a cut at any point.
 */
export const damagedHttp = fc.tuple(
  structuredHttp,
  fc.array(fc.tuple(fc.nat(), fc.constantFrom('\0', '\ufeff', '\r', '{{', '{{{{', '\r\n\r', '}}', '\u2028', '\ud83d', '###\n', '\n\n')), { maxLength: 16, size: 'medium' }),
  fc.option(fc.nat(), { nil: undefined }),
).map(([text, insertions, cut]) => {
  let result = text;
  for (const [at, fragment] of insertions) {
    const position = at % (result.length + 1);
    result = result.slice(0, position) + fragment + result.slice(position);
  }
  return cut === undefined ? result : result.slice(0, cut % (result.length + 1));
});

/** The texts of the real .http files in the corpus (support/corpus.ts); none when it is missing. */
export function readCorpus(): string[] {
  return corpusFiles().map((file) => fs.readFileSync(file, 'utf8'));
}

type Mutation =
  | { kind: 'insert'; at: number; fragment: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'line-endings'; ending: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'drop-line'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), fragment: fc.oneof(httpLine.map((line) => `${line}\n`), noise, fc.constantFrom('{{', '\0', '\r', '###', '\ufeff')) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 400 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 400 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('line-endings' as const), ending: fc.constantFrom('\r\n', '\r', '\n') }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('drop-line' as const), at: fc.nat() }), weight: 2 },
);

function applyMutation(text: string, change: Mutation): string {
  const at = (position: number) => position % (text.length + 1);
  switch (change.kind) {
    case 'insert':
      return text.slice(0, at(change.at)) + change.fragment + text.slice(at(change.at));
    case 'delete':
      return text.slice(0, at(change.at)) + text.slice(at(change.at) + change.length);
    case 'duplicate': {
      const piece = text.slice(at(change.at), at(change.at) + change.length);
      return text.slice(0, at(change.at)) + piece + text.slice(at(change.at));
    }
    case 'line-endings':
      return text.replace(/\r\n|\r|\n/g, change.ending);
    case 'truncate':
      return text.slice(0, at(change.at));
    case 'swap-lines': {
      const lines = text.split('\n');
      const a = change.a % lines.length;
      const b = change.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'drop-line': {
      const lines = text.split('\n');
      lines.splice(change.at % lines.length, 1);
      return lines.join('\n');
    }
  }
}

/** A corpus file with one to eight mutations applied in order. */
export function mutatedCorpus(files: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([index, changes]) => changes.reduce(applyMutation, files[index]));
}

/** About a million characters of one repeated unit inside a line of a given kind, in a small document. */
export const MEGABYTE_LINE_PLACES: ReadonlyArray<[string, (line: string) => string]> = [
  ['request line', (line) => line],
  ['header', (line) => `PUT http://localhost/items/1\n${line}\n\n{}`],
  ['body', (line) => `POST http://localhost/items\nContent-Type: text/plain\n\n${line}\n`],
  ['preamble', (line) => `${line}\nGET http://localhost/`],
  ['after a separator', (line) => `GET http://localhost/\n###\n${line}`],
];

/**
 * The recipe rather than the text, so that a failure prints one short line instead of a
 * megabyte; `megabyteDocument` builds the text.
 */
export const megabyteLine = fc.record({
  place: fc.nat({ max: MEGABYTE_LINE_PLACES.length - 1 }),
  prefix: fc.constantFrom('', 'GET http://a/', 'GET http://a/ ', 'X-A: a', 'If-Match: ', 'If-Modified-Since: a', '# @name a', '@v = a', '  ?a=', '< a', '{{', '### ', 'a', '>> '),
  unit: fc.constantFrom(' ', '\t', '{{', '{', '}}', '{{{{', ' {{', 'a ', '"', ',', 'W/"a", ', '\0', 'x', '# ', ':', '@', '\u00a0', '\r'),
  suffix: fc.constantFrom('', 'b', ' HTTP/1.1', 'HTTP/1.1x', '}}', ' x', '\u2028y', '"'),
});

export type MegabyteLine = typeof megabyteLine extends fc.Arbitrary<infer T> ? T : never;

export function megabyteDocument({ place, prefix, unit, suffix }: MegabyteLine): string {
  const repeated = unit.repeat(Math.ceil(1_000_000 / unit.length));
  return MEGABYTE_LINE_PLACES[place][1](prefix + repeated + suffix);
}
