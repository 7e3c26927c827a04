/**
 * multipart/form-data: a part whose name is secret (`name="password"`) has its content
 * replaced; any other part is redacted by its own Content-Type like a whole body.
 */
import { isSecretParameter, REDACTED } from './names';

/** The boundary from the Content-Type, or from the body's first line when the header is missing. */
export function multipartBoundary(body: string, contentType: string): string | undefined {
  const declared = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (declared) return declared[1] ?? declared[2];
  if (contentType !== '') return undefined;
  const first = /^--([^\r\n]{1,70})\r?\n[Cc]ontent-/.exec(body);
  return first?.[1];
}

export function redactMultipart(body: string, boundary: string, extra: readonly string[], redactPart: (content: string, contentType: string) => string): string {
  const delimiter = `--${boundary}`;
  const pieces = body.split(delimiter);
  // pieces[0] is the preamble; each later piece is "\r\n<headers>\r\n\r\n<content>\r\n", or "--" at the end.
  return pieces
    .map((piece, index) => {
      if (index === 0 || piece.startsWith('--')) return piece;
      const headerEnd = /\r?\n\r?\n/.exec(piece);
      if (!headerEnd) return piece;
      const headers = piece.slice(0, headerEnd.index);
      const contentStart = headerEnd.index + headerEnd[0].length;
      const contentEnd = piece.length - (/\r?\n$/.exec(piece)?.[0].length ?? 0);
      const content = piece.slice(contentStart, contentEnd);
      const name = /content-disposition:[^\r\n]*?\bname=(?:"([^"]*)"|([^;\s]+))/i.exec(headers);
      const partType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const secret = name !== null && isSecretParameter(name[1] ?? name[2], extra);
      const redacted = secret ? REDACTED : redactPart(content, partType);
      return piece.slice(0, contentStart) + redacted + piece.slice(contentEnd);
    })
    .join(delimiter);
}
