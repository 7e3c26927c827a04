import { redactHeaders, redactUrl } from '../core/diagnosis/redaction';
import type { SendResult } from '../core/http/types';

/**
 * CI logs are read by more people than the .http file is, so credentials are hidden by
 * default: secret header values and the URL's userinfo and secret query parameters.
 * Bodies are printed as received: they are what the user asked to see.
 */
export function redactResult(result: SendResult, showSecrets: boolean): SendResult {
  if (showSecrets) return result;
  const url = redactUrl(result.url);
  return {
    ...result,
    url,
    requestHeaders: redactHeaders(result.requestHeaders),
    responseHeaders: redactHeaders(result.responseHeaders),
    ...(result.error === undefined ? {} : { error: redactText(result.error, result.url, showSecrets) }),
  };
}

/** Error and evidence sentences quote the URL as sent. */
export function redactText(text: string, url: string, showSecrets: boolean): string {
  if (showSecrets || url === '') return text;
  return text.split(url).join(redactUrl(url));
}
