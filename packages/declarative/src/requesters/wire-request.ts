// The request a requester sends, from its merged options, as Python's `requests` prepares it:
// parameters appended to the URL's query, header values as str(), and the body: JSON
// (`application/json`), a form (`application/x-www-form-urlencoded`) or raw text (no content
// type) — only for GET, POST, PUT and PATCH, and never JSON and form together.
import { ConnectorError, type HttpRequest } from '@tributary/cdk';
import { toJsonValue } from '../interpolation/json-values.js';
import { isMapping } from '../interpolation/values/dict.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';
import type { RequestValues } from '../requests/request-option.js';
import { encodePairs, queryPairs, withQuery } from './url.js';

const BODY_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH']);

/** A request's options once every component's are merged (a string only where a raw body may stand). */
export interface MergedOptions {
  readonly params: RequestValues | string;
  readonly headers: RequestValues | string;
  readonly bodyJson: RequestValues | string;
  readonly bodyData: RequestValues | string;
}

export function wireRequest(method: string, url: string, options: MergedOptions): HttpRequest {
  const params = mappingOf(options.params, 'Request params cannot be a string');
  for (const [name, value] of Object.entries(params)) {
    if (isMapping(value as PyValue)) {
      throw ConnectorError.config(`Invalid value for \`${name}\` parameter. The values of request params cannot be an object.`);
    }
  }
  const headers = headerTexts(mappingOf(options.headers, 'Request headers cannot be a string'));
  const request: HttpRequest = { method, url: withQuery(url, params as PlainDict), headers };
  if (!BODY_METHODS.has(method)) return request;
  const json = mappingOf(options.bodyJson, 'Request body json cannot be a string');
  const data = options.bodyData;
  const hasJson = Object.keys(json).length > 0;
  const hasData = typeof data === 'string' ? data !== '' : Object.keys(data).length > 0;
  if (hasJson && hasData) {
    throw ConnectorError.config("At the same time only one of the 'request_body_data' and 'request_body_json' functions can return data");
  }
  if (hasJson) {
    setDefaultHeader(headers, 'Content-Type', 'application/json');
    request.body = JSON.stringify(toJsonValue(json as PlainDict));
  } else if (typeof data === 'string' && hasData) {
    request.body = data;
  } else if (hasData) {
    setDefaultHeader(headers, 'Content-Type', 'application/x-www-form-urlencoded');
    request.body = encodePairs(queryPairs(data as PlainDict));
  }
  return request;
}

function mappingOf(value: RequestValues | string, message: string): RequestValues {
  if (typeof value === 'string') {
    if (value === '') return {};
    throw ConnectorError.config(message);
  }
  return value;
}

/** `{str(k): str(v)}` of the merged headers. */
function headerTexts(headers: RequestValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = typeof value === 'string' ? value : pyStr(value as PyValue);
  return out;
}

/** Sets a header unless one of that name (in any case) is set. */
function setDefaultHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  if (!Object.keys(headers).some((key) => key.toLowerCase() === lower)) headers[name] = value;
}
