import { ConnectorError } from '../../errors/connector-error.js';
import { type HttpResponse, InvalidBodyError } from '../../http/http-response.js';
import { redactUrl } from '../../http/redact-url.js';
import { describeKeyPath, type KeyPath, valueAtKeyPath } from '../../json/key-path.js';

/** The records found in one response, and whether `recordsPath` was missing from it. */
export interface ExtractedRecords {
  records: unknown[];
  /** True when the body had nothing at `recordsPath` (neither a value nor `null`). */
  pathMissing: boolean;
}

/**
 * The records at `path` in a parsed body: an array gives its items, an object is one record,
 * `null` or a missing path gives none. Without a path, the whole body is used the same way.
 */
export function recordsAtPath(body: unknown, path: KeyPath | undefined, where: string): ExtractedRecords {
  const value = path === undefined ? body : valueAtKeyPath(body, path);
  if (value === undefined) return { records: [], pathMissing: path !== undefined };
  if (value === null) return { records: [], pathMissing: false };
  if (Array.isArray(value)) return { records: value, pathMissing: false };
  if (typeof value === 'object') return { records: [value], pathMissing: false };
  const at = path === undefined ? 'the body' : `'${describeKeyPath(path)}'`;
  throw new ConnectorError(
    `Expected records (an array or an object) at ${at} of ${where}, found ${typeof value}: ${JSON.stringify(value).slice(0, 100)}`,
  );
}

/**
 * The default record extraction of `HttpStream.parseResponse`: a JSON lines body gives one record
 * per line (each line taken through `path` when one is set); a JSON body gives the records at
 * `path` (`data.items`), or the body itself when it is an array.
 */
export async function extractRecords(response: HttpResponse, path?: KeyPath): Promise<ExtractedRecords> {
  const where = `${response.method} ${redactUrl(response.url)}`;
  try {
    if (response.format === 'jsonl') {
      const lines = await response.jsonLines();
      if (path === undefined) return { records: lines, pathMissing: false };
      const records: unknown[] = [];
      let pathMissing = false;
      for (const line of lines) {
        const found = recordsAtPath(line, path, where);
        pathMissing ||= found.pathMissing;
        for (const record of found.records) records.push(record);
      }
      return { records, pathMissing };
    }
    return recordsAtPath(await response.json(), path, where);
  } catch (error) {
    if (!(error instanceof InvalidBodyError)) throw error;
    const type = response.headers.get('content-type') ?? 'none';
    throw new ConnectorError(
      `${error.message}. Its Content-Type is '${type}': set \`responseFormat\` on the stream to 'json' or 'jsonl' if the API sends JSON under another type, or override parseResponse()`,
      { cause: error },
    );
  }
}
