/**
 * The server's own words in the error dialects the API families table names (spec/
 * conditional-requests.md): an S3-style XML `<Error>` (S3, MinIO, GCS's XML API; Azure's
 * carries x-ms-error-code and is quoted by serverHints), an OData error object, a FHIR
 * OperationOutcome. One sentence each, quoted, never interpreted beyond naming the fields.
 */
import { truncate } from './format';

const QUOTE_LIMIT = 300;

/** `<Code>`, the first line of `<Message>` and S3's `<Condition>` (which precondition failed) of an XML error body. */
export function xmlErrorSentence(body: string): string | undefined {
  if (!/<Error[\s>]/.test(body)) return undefined;
  const element = (name: string) => {
    const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(body);
    return match ? unescapeXml(match[1].split('\n')[0].trim()) : undefined;
  };
  const parts = [
    element('Code') && `Code ${element('Code')}`,
    element('Message') && `Message "${truncate(element('Message') ?? '', QUOTE_LIMIT)}"`,
    element('Condition') && `Condition ${element('Condition')}`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? `The server's XML error: ${parts.join(', ')}.` : undefined;
}

/** OData v4 and Microsoft Graph/Dataverse: `{"error": {"code", "message"}}`; v2/v3 nest the text as `message.value`. */
export function odataErrorSentence(document: Record<string, unknown>): string | undefined {
  const error = document.error;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return undefined;
  const fields = error as Record<string, unknown>;
  const message = typeof fields.message === 'string' ? fields.message : valueOf(fields.message);
  const code = typeof fields.code === 'string' && fields.code !== '' ? fields.code : undefined;
  if (message === undefined && code === undefined) return undefined;
  const parts = [code && `code ${code}`, message && `message "${truncate(message, QUOTE_LIMIT)}"`].filter(Boolean);
  return `The server's OData error: ${parts.join(', ')}.`;
}

/** FHIR: the issues of an OperationOutcome, as severity, code and the human text (diagnostics, else details.text). */
export function operationOutcomeSentence(document: Record<string, unknown>): string | undefined {
  if (document.resourceType !== 'OperationOutcome' || !Array.isArray(document.issue)) return undefined;
  const issues = document.issue
    .filter((issue): issue is Record<string, unknown> => typeof issue === 'object' && issue !== null)
    .slice(0, 3)
    .map((issue) => {
      const text = typeof issue.diagnostics === 'string' ? issue.diagnostics : valueOf(issue.details, 'text');
      const head = [issue.severity, issue.code].filter((part) => typeof part === 'string').join(' ');
      return `${head}${text ? `${head ? ': ' : ''}"${truncate(text, QUOTE_LIMIT)}"` : ''}`;
    })
    .filter((issue) => issue !== '');
  return issues.length > 0 ? `The server's FHIR OperationOutcome: ${issues.join('; ')}.` : undefined;
}

function valueOf(value: unknown, key = 'value'): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'string' ? inner : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_match, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
}
