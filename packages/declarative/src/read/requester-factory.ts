// An HttpRequester built from its component as the CDK's factory builds one: its error handler
// (through the CDK client's retries), its own authenticator, the shared cache when the stream is
// read as a parent, and the read's call budget.
import { HttpClient } from '@tributary/cdk';
import { createAuthenticator } from '../auth/create-authenticator.js';
import type { HttpRequester as HttpRequesterModel } from '../components/component-types.js';
import { createErrorHandler } from '../errors/create-error-handler.js';
import { ErrorPolicy } from '../requesters/error-policy.js';
import { HttpRequester } from '../requesters/http-requester.js';
import type { ReadEnvironment, StreamSite } from './read-environment.js';

type ComponentModel = { type: string; [field: string]: unknown };

export function buildRequester(name: string, model: HttpRequesterModel, site: StreamSite, read: ReadEnvironment): HttpRequester {
  const handler = createErrorHandler(model.error_handler as ComponentModel | undefined, read.env);
  const errors = new ErrorPolicy(handler);
  const authenticator = createAuthenticator(model.authenticator as ComponentModel | undefined, {
    ...read.env,
    name,
    urlBase: String(model.url ?? model.url_base ?? ''),
    logger: read.logger,
  });
  return new HttpRequester({
    model,
    env: read.env,
    authenticator,
    errors,
    client: new HttpClient({ retry: errors.retry }),
    cache: site.useCache ? read.cache : null,
    budget: read.budget,
  });
}
