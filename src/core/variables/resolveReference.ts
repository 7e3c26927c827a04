import type { SendResult } from '../http/types';
import type { VariableReference } from '../parser/types';
import { findVariableReferences } from '../parser/variableReferences';
import { lookupJsonPath } from './jsonPath';
import { resolveSystemVariable, type Resolution, type SystemVariableContext } from './systemVariables';

/** What a named request left behind, for `{{name.response.…}}` and `{{name.request.…}}`. */
export interface NamedExchange {
  requestHeaders: Record<string, string>;
  requestBody?: string;
  response: Pick<SendResult, 'status' | 'responseHeaders' | 'bodyText'>;
}

export interface ValidatorLookup {
  freshestEtag(url: string): string | undefined;
  freshestLastModified(url: string): string | undefined;
}

export interface ReferenceContext extends SystemVariableContext {
  environment: Record<string, string>;
  environmentName?: string;
  /** Names of requests in this file, so `{{login.response…}}` before login was sent says so. */
  requestNames: ReadonlySet<string>;
  namedExchange: (name: string) => NamedExchange | undefined;
  validators?: ValidatorLookup;
  /** Environment variables whose value comes from http-client.private.env.json: secrets wherever they end up. */
  privateNames?: ReadonlySet<string>;
}

/**
 * What one `{{…}}` is resolved in: the document's context, the file's own variables, and the URL
 * of the request it belongs to. It points at the context rather than copying it, so a scope per
 * request costs three fields, not a copy of every source (bench/: send path).
 */
export interface ResolutionScope {
  context: ReferenceContext;
  /** Later definitions win over earlier ones. */
  fileVariables: Map<string, string>;
  /** Set once the request's URL is known: what `{{$etag}}` and `{{$lastModified}}` look up. */
  requestUrl?: string;
  /**
   * Collects every value that came from the private env file, `.env` or the process
   * environment while one request is resolved, so the outputs can redact it by provenance.
   */
  secretValues?: string[];
}

const MAX_DEPTH = 10;

/**
 * How many nested references one `{{…}}` may expand, and how long its value may grow. Ten
 * variables that each use the previous one ten times are 10^10 expansions within the depth
 * limit: without a budget, linting such a file froze the editor (found by test/unit/fuzz).
 */
const MAX_EXPANSIONS = 10_000;
const MAX_EXPANDED_LENGTH = 1_000_000;

interface ExpansionBudget {
  expansions: number;
}

/** Resolves the text between `{{` and `}}`. Variables may refer to variables, up to a depth that catches cycles. */
export function resolveReference(expression: string, scope: ResolutionScope, depth = 0, budget: ExpansionBudget = { expansions: 0 }): Resolution {
  if (depth > MAX_DEPTH) return { error: `'{{${expression}}}' refers to itself through other variables (a cycle)` };
  if (expression === '') return { error: `'{{}}' is empty: write a variable name between the braces` };
  if (expression === '$etag' || expression === '$lastModified') return resolveValidator(expression, scope);
  if (expression.startsWith('$')) {
    const resolution = resolveSystemVariable(expression, scope.context);
    if ('value' in resolution && /^\$(processEnv|dotenv)\b/.test(expression)) scope.secretValues?.push(resolution.value);
    return resolution;
  }

  const own = lookupVariable(expression, scope);
  if (own !== undefined) {
    const resolution = expandNested(expression, own, scope, depth, budget);
    if ('value' in resolution && isPrivate(expression, scope)) scope.secretValues?.push(resolution.value);
    return resolution;
  }

  const exchangeReference = /^([\w-]+)\.(response|request)\.(headers|body)(?:\.(.*))?$/.exec(expression);
  if (exchangeReference) return resolveExchange(exchangeReference, scope);
  const { environmentName, restricted: isRestricted } = scope.context;
  const where = environmentName ? `environment '${environmentName}'` : 'any environment (none is selected)';
  const restricted = isRestricted ? ' (http-client.private.env.json is not read in an untrusted workspace)' : '';
  return { error: `variable '${expression}' is not defined: add '@${expression} = …' to the file, or define it in ${where}${restricted}` };
}

/** A file variable of the same name wins over the environment, and is not private. */
function isPrivate(name: string, scope: ResolutionScope): boolean {
  return !scope.fileVariables.has(name) && (scope.context.privateNames?.has(name) ?? false);
}

function lookupVariable(name: string, scope: ResolutionScope): string | undefined {
  return scope.fileVariables.get(name) ?? scope.context.environment[name];
}

/** `{{$etag}}`: the freshest ETag we recorded for the request's own URL. */
function resolveValidator(expression: string, scope: ResolutionScope): Resolution {
  const url = scope.requestUrl;
  if (!url) return { error: `'{{${expression}}}' can be used in headers and the body, not in the URL` };
  const { validators } = scope.context;
  const value = expression === '$etag' ? validators?.freshestEtag(url) : validators?.freshestLastModified(url);
  if (value !== undefined) return { value };
  const what = expression === '$etag' ? 'ETag' : 'Last-Modified';
  return { error: `no ${what} recorded for ${url}: send a GET to ${url} first` };
}

/**
 * Replaces the `{{…}}` inside a variable's value. Line by line with the parser's linear scan:
 * the former `/\{\{(.*?)\}\}/g` rescanned to the end of the value from every unclosed `{{`
 * (quadratic), and `.` kept a reference from spanning a line break, which splitting keeps.
 */
function expandNested(name: string, value: string, scope: ResolutionScope, depth: number, budget: ExpansionBudget): Resolution {
  if (!value.includes('{{')) return { value };
  let expanded = '';
  for (const piece of value.split(/(\r\n|[\r\n\u2028\u2029])/)) {
    const references: VariableReference[] = [];
    findVariableReferences(piece, 0, 0, references);
    let position = 0;
    for (const reference of references) {
      budget.expansions += 1;
      if (budget.expansions > MAX_EXPANSIONS) {
        return { error: `'{{${name}}}' expands more than ${MAX_EXPANSIONS} nested variables: check for variables that repeat each other` };
      }
      const nested = resolveReference(reference.expression, scope, depth + 1, budget);
      if ('error' in nested) return nested;
      expanded += piece.slice(position, reference.span.character) + nested.value;
      position = reference.span.character + reference.span.length;
      if (expanded.length > MAX_EXPANDED_LENGTH) {
        return { error: `'{{${name}}}' expands to more than ${MAX_EXPANDED_LENGTH} characters: check for variables that repeat each other` };
      }
    }
    expanded += piece.slice(position);
  }
  return { value: expanded };
}

function resolveExchange(match: RegExpExecArray, scope: ResolutionScope): Resolution {
  const [, name, part, section, rest] = match;
  const exchange = scope.context.namedExchange(name);
  if (!exchange) {
    if (!scope.context.requestNames.has(name)) return { error: `no request is named '${name}': add '# @name ${name}' above the request it should come from` };
    return { error: `request '${name}' has not been sent yet: send it first, then this request can use its ${part}`, pending: true };
  }
  const headers = part === 'response' ? exchange.response.responseHeaders : exchange.requestHeaders;
  const body = part === 'response' ? exchange.response.bodyText : exchange.requestBody ?? '';
  if (section === 'headers') {
    if (!rest) return { error: `name the header, e.g. {{${name}.${part}.headers.ETag}}` };
    const value = headers[rest.toLowerCase()];
    return value !== undefined ? { value } : { error: `the ${part} of '${name}' has no '${rest}' header` };
  }
  if (rest === undefined || rest === '*') return { value: body };
  if (rest.startsWith('$')) return lookupJsonPath(body, rest);
  return { error: `'${rest}' is not a JSONPath (start it with $, e.g. $.id); XPath is not supported` };
}
