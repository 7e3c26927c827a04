import { randomUUID } from 'node:crypto';

export interface SystemVariableContext {
  now: () => Date;
  random: () => number;
  processEnv: Record<string, string | undefined>;
  dotenv: Record<string, string>;
  /** True in an untrusted workspace: .env, the private env file and the process environment are not read. */
  restricted?: boolean;
  /** Lets `{{$processEnv %name}}` look the variable name up in the environment first, as REST Client does. */
  lookupEnvironment: (name: string) => string | undefined;
}

/** `pending`: the reference is fine but waits for something (a named request to be sent). */
export type Resolution = { value: string } | { error: string; pending?: boolean };

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** REST Client's system variables; `expression` starts with `$`. */
export function resolveSystemVariable(expression: string, context: SystemVariableContext): Resolution {
  const [name, ...args] = splitArguments(expression.slice(1));
  switch (name) {
    case 'guid':
    case 'uuid':
    case 'randomUUID':
      return { value: randomUUID() };
    case 'timestamp':
      return withOffset(args, context, 0, (date) => ({ value: String(Math.floor(date.getTime() / 1000)) }));
    case 'randomInt':
      return randomInt(args, context);
    case 'datetime':
    case 'localDatetime':
      return withOffset(args, context, 1, (date) => formatDate(date, args[0], name === 'localDatetime'));
    case 'processEnv':
      return lookupNamed('processEnv', args, context, (key) => context.processEnv[key]);
    case 'dotenv':
      return lookupNamed('dotenv', args, context, (key) => context.dotenv[key]);
    default:
      return { error: `'{{$${name}}}' is not a system variable we support (see README: $guid, $timestamp, $randomInt, $datetime, $processEnv, $dotenv, $etag, $lastModified)` };
  }
}

function splitArguments(text: string): string[] {
  const parts: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) parts.push(match[1] ?? match[2] ?? match[3]);
  return parts;
}

function withOffset(
  args: string[],
  context: SystemVariableContext,
  offsetIndex: number,
  format: (date: Date) => Resolution,
): Resolution {
  const amount = args[offsetIndex];
  const unit = args[offsetIndex + 1];
  let time = context.now().getTime();
  if (amount !== undefined) {
    const value = Number(amount);
    if (!Number.isInteger(value) || unit === undefined || !(unit in UNITS)) {
      return { error: `offset '${args.slice(offsetIndex).join(' ')}' must be an integer and a unit (ms, s, m, h, d, w), e.g. '-1 d'` };
    }
    time += value * UNITS[unit];
  }
  return format(new Date(time));
}

function randomInt(args: string[], context: SystemVariableContext): Resolution {
  const min = Number(args[0]);
  const max = Number(args[1]);
  if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min) {
    return { error: `'$randomInt' needs two integers, min (inclusive) and max (exclusive), with min < max` };
  }
  return { value: String(min + Math.floor(context.random() * (max - min))) };
}

function lookupNamed(
  kind: string,
  args: string[],
  context: SystemVariableContext,
  lookup: (key: string) => string | undefined,
): Resolution {
  let key = args[0];
  if (!key) return { error: `'$${kind}' needs a variable name, e.g. {{$${kind} API_TOKEN}}` };
  if (key.startsWith('%')) key = context.lookupEnvironment(key.slice(1)) ?? key.slice(1);
  const value = lookup(key);
  if (value === undefined && context.restricted) {
    return { error: `{{$${kind} ${key}}} is not resolved in an untrusted workspace: trust the workspace to read .env files and environment variables` };
  }
  if (value === undefined) {
    const where = kind === 'dotenv' ? 'the .env file next to this .http file' : 'the environment of the VS Code process';
    return { error: `'${key}' is not set in ${where}` };
  }
  return { value };
}

function formatDate(date: Date, format: string | undefined, local: boolean): Resolution {
  if (format === undefined) return { error: `'$datetime' needs a format: rfc1123, iso8601 or a quoted pattern like "YYYY-MM-DD"` };
  if (format === 'rfc1123') return { value: local ? toLocalRfc1123(date) : date.toUTCString() };
  if (format === 'iso8601') return { value: local ? toLocalIso(date) : date.toISOString() };
  return { value: formatPattern(date, format, local) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parts(date: Date, local: boolean) {
  return local
    ? { Y: date.getFullYear(), M: date.getMonth(), D: date.getDate(), h: date.getHours(), m: date.getMinutes(), s: date.getSeconds(), ms: date.getMilliseconds(), wd: date.getDay() }
    : { Y: date.getUTCFullYear(), M: date.getUTCMonth(), D: date.getUTCDate(), h: date.getUTCHours(), m: date.getUTCMinutes(), s: date.getUTCSeconds(), ms: date.getUTCMilliseconds(), wd: date.getUTCDay() };
}

function offsetText(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

function toLocalIso(date: Date): string {
  const p = parts(date, true);
  return `${p.Y}-${pad(p.M + 1)}-${pad(p.D)}T${pad(p.h)}:${pad(p.m)}:${pad(p.s)}.${pad(p.ms, 3)}${offsetText(date)}`;
}

function toLocalRfc1123(date: Date): string {
  const p = parts(date, true);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][p.wd];
  return `${day}, ${pad(p.D)} ${MONTHS[p.M]} ${p.Y} ${pad(p.h)}:${pad(p.m)}:${pad(p.s)} ${offsetText(date).replace(':', '')}`;
}

/** The Day.js tokens REST Client users write most; anything else is copied literally. */
function formatPattern(date: Date, pattern: string, local: boolean): string {
  const p = parts(date, local);
  const tokens: Record<string, string> = {
    YYYY: String(p.Y), YY: pad(p.Y % 100), MMM: MONTHS[p.M], MM: pad(p.M + 1), M: String(p.M + 1),
    DD: pad(p.D), D: String(p.D), HH: pad(p.h), H: String(p.h), mm: pad(p.m), m: String(p.m),
    ss: pad(p.s), s: String(p.s), SSS: pad(p.ms, 3), Z: local ? offsetText(date) : '+00:00',
  };
  return pattern.replace(/\[([^\]]*)\]|YYYY|YY|MMM|MM|M|DD|D|HH|H|mm|m|ss|s|SSS|Z/g, (token, literal) => literal ?? tokens[token]);
}
