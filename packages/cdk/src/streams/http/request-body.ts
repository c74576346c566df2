import { ConnectorError } from '../../errors/connector-error.js';
import type { RequestBody } from '../../http/credential-scope.js';

/** A form body: its fields are sent `application/x-www-form-urlencoded`. */
export type FormFields = Record<string, string | number | boolean | null | undefined>;

/** What a page's body is made of: the stream's hooks and the paginator's JSON fields. */
export interface BodyParts {
  /** `requestBodyJson()`'s value. */
  json: unknown;
  /** `requestBodyData()`'s value: a form or a raw string. */
  data: FormFields | string | undefined;
  /** Fields the paginator merges into a JSON body (a cursor in a POST body). */
  pagingJson: Record<string, unknown> | undefined;
}

/**
 * The body of a page's request, or undefined for none: JSON (sets `content-type` in `headers`
 * unless the stream set one), a raw string, or a form. A request has one body: both a JSON and
 * a form body, or a paginator's JSON fields with a form body or a JSON body that is not an
 * object, fail naming the stream.
 */
export function requestBody(streamName: string, parts: BodyParts, headers: Record<string, string>): RequestBody | undefined {
  const { data, pagingJson } = parts;
  let json = parts.json;
  if (json !== undefined && data !== undefined) {
    throw new ConnectorError(`Stream '${streamName}' defines both requestBodyJson and requestBodyData; a request has one body`);
  }
  if (pagingJson !== undefined) {
    if (data !== undefined) {
      throw new ConnectorError(`Stream '${streamName}': the paginator puts its token in a JSON body, but the stream sends a form body`);
    }
    if (json !== undefined && (typeof json !== 'object' || json === null || Array.isArray(json))) {
      throw new ConnectorError(`Stream '${streamName}': the paginator puts its token in the JSON body, which must then be an object`);
    }
    json = { ...(json as object | undefined), ...pagingJson };
  }
  if (json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(json);
  }
  if (typeof data === 'string') return data;
  if (data === undefined || data === null) return undefined;
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) if (value !== undefined && value !== null) form.append(name, String(value));
  return form;
}
