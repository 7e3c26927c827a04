export type PathLookup = { value: string } | { error: string };

/**
 * The JSONPath subset REST Client supports for response references: `$`, `.name`,
 * `['name']`, `[index]`. Objects come back as JSON text, strings as they are.
 */
export function lookupJsonPath(bodyText: string, path: string): PathLookup {
  let document: unknown;
  try {
    document = JSON.parse(bodyText);
  } catch {
    return { error: 'the response body is not JSON, so a JSONPath cannot select from it' };
  }
  const steps = parsePath(path);
  if (!steps) return { error: `'${path}' is not a JSONPath we support (use $.a.b[0] or $['a'])` };
  let current: unknown = document;
  for (const step of steps) {
    if (current === null || typeof current !== 'object' || !(step in (current as object))) {
      return { error: `'${path}' selects nothing in the response body` };
    }
    current = (current as Record<string, unknown>)[step];
  }
  return { value: typeof current === 'string' ? current : JSON.stringify(current) };
}

function parsePath(path: string): string[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: string[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) return undefined;
    steps.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
  }
  return steps;
}
