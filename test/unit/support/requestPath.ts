import type { HttpSender } from '../../../src/core/http/client';
import type { OutgoingRequest } from '../../../src/core/http/types';
import { RedactionPolicy } from '../../../src/core/redaction/redactionPolicy';
import { RequestPath } from '../../../src/core/send/requestPath';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';

/** A request path over `client` with nothing else to say: no gate, no log, a store of its own unless given one. */
export function requestPathFor(
  client: HttpSender,
  options: {
    validators?: ValidatorStore;
    log?: (line: string) => void;
    confirmSend?: (request: OutgoingRequest) => Promise<boolean>;
    redaction?: () => RedactionPolicy;
  } = {},
): RequestPath {
  return new RequestPath({
    client,
    validators: options.validators ?? new ValidatorStore(),
    log: options.log ?? (() => undefined),
    redaction: options.redaction ?? (() => new RedactionPolicy()),
    confirmSend: options.confirmSend,
  });
}
