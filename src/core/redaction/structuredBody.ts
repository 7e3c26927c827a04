/**
 * Secret fields of JSON, form and XML bodies, found by name. Each redactor returns the body
 * unchanged when it has nothing to hide, so an untouched body keeps its formatting.
 */
import { isSecretName, REDACTED } from './names';
import { redactParameters } from './url';

function redactJsonValue(value: unknown, extra: readonly string[]): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const result = redactJsonValue(item, extra);
      changed ||= result.changed;
      return result.value;
    });
    return { value: items, changed };
  }
  if (typeof value !== 'object' || value === null) return { value, changed: false };
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (isSecretName(name, extra) && field !== null && field !== '') {
      copy[name] = REDACTED;
      changed = true;
    } else {
      const result = redactJsonValue(field, extra);
      changed ||= result.changed;
      copy[name] = result.value;
    }
  }
  return { value: copy, changed };
}

/** Secret fields at any depth; undefined when the text is not JSON. */
export function redactJson(body: string, extra: readonly string[]): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const result = redactJsonValue(parsed, extra);
  if (!result.changed) return body;
  return body.trim().includes('\n') ? JSON.stringify(result.value, null, 2) : JSON.stringify(result.value);
}

/**
 * `a=1&b=2`, possibly over several lines with `&` continuations: what a form body looks
 * like when the request forgot its Content-Type (curl and many clients still send it as one).
 */
const FORM_SHAPE = /^[\w.%\-[\]]+=[^&\s]*(?:\s*&[\w.%\-[\]]+=[^&\s]*)*$/;

export function looksLikeForm(body: string): boolean {
  const trimmed = body.trim();
  return trimmed.includes('=') && trimmed.length < 1_000_000 && FORM_SHAPE.test(trimmed);
}

export function redactForm(body: string, extra: readonly string[]): string {
  return redactParameters(body, extra);
}

const OPEN_TAG = /<((?:[\w.-]+:)?([\w.-]+))((?:\s[^<>]*?)?)(\/?)>/g;
const ATTRIBUTE = /(\s)((?:[\w.-]+:)?([\w.-]+))(\s*=\s*)("[^"]*"|'[^']*')/g;

/**
 * Secret elements (their whole content, CDATA and children included) and secret attributes
 * of an XML body (SOAP WS-Security `<wsse:Password>`, `<credentials token="…">`). A scan of
 * tags rather than a parser: a body too broken to parse still gets its secrets hidden.
 */
export function redactXml(body: string, extra: readonly string[]): string {
  let output = '';
  let position = 0;
  OPEN_TAG.lastIndex = 0;
  for (let match = OPEN_TAG.exec(body); match; match = OPEN_TAG.exec(body)) {
    const [tag, qualifiedName, localName, attributes, selfClosing] = match;
    const redactedAttributes = attributes.replace(ATTRIBUTE, (whole, space: string, name: string, local: string, equals: string, quoted: string) =>
      isSecretName(local, extra) ? `${space}${name}${equals}${quoted[0]}${REDACTED}${quoted[0]}` : whole,
    );
    output += body.slice(position, match.index) + `<${qualifiedName}${redactedAttributes}${selfClosing}>`;
    position = match.index + tag.length;
    if (selfClosing || !isSecretName(localName, extra)) continue;
    const close = body.indexOf(`</${qualifiedName}`, position);
    if (close === -1) continue;
    output += REDACTED;
    position = close;
    OPEN_TAG.lastIndex = close;
  }
  return output + body.slice(position);
}
