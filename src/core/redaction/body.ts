/**
 * A body's secret fields by name, chosen by its Content-Type, or by its shape when the
 * request sent none (a JSON, form, XML or multipart body written without the header).
 * Other text is returned unchanged here: only provenance (SecretValues) can find a secret
 * in free text without mangling it.
 */
import { multipartBoundary, redactMultipart } from './multipart';
import { looksLikeForm, redactForm, redactJson, redactXml } from './structuredBody';

export function redactBodyByNames(body: string, contentType: string | undefined, extra: readonly string[]): string {
  if (body === '') return body;
  const type = (contentType ?? '').toLowerCase();
  const untyped = type === '' || /^text\/plain\b/.test(type);
  const trimmed = body.trimStart();
  if (/json/.test(type) || (untyped && /^[[{]/.test(trimmed))) return redactJson(body, extra) ?? body;
  if (/^multipart\//.test(type) || (type === '' && trimmed.startsWith('--'))) {
    const boundary = multipartBoundary(body, type === '' ? '' : contentType ?? '');
    return boundary ? redactMultipart(body, boundary, extra, (content, partType) => redactBodyByNames(content, partType, extra)) : body;
  }
  if (/application\/x-www-form-urlencoded/.test(type) || (untyped && looksLikeForm(body))) return redactForm(body, extra);
  if (/xml/.test(type) || (untyped && trimmed.startsWith('<'))) return redactXml(body, extra);
  return body;
}
