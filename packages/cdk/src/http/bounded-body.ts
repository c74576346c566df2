import { ConnectorError } from '../errors/connector-error.js';
import { redactUrl } from './redact-url.js';

/**
 * The largest response body (after decompression) read by default: 64 MiB. API pages are a few
 * MB at most (100 GitHub issues are about 1 MB), so this leaves ample room, while the body and
 * its parsed JSON (several times the text) of a few streams read at once still fit well within
 * the memory a connector usually gets (2 GB on the Airbyte platform by default).
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A response body over the limit: the read stops there, and the request is not retried (it would be just as large). */
export class ResponseTooLargeError extends ConnectorError {
  constructor(
    readonly limit: number,
    method: string,
    url: URL,
    declared?: number,
  ) {
    const size = declared !== undefined ? `announces ${formatBytes(declared)} (Content-Length)` : `is larger than ${formatBytes(limit)}`;
    super(
      `The response to ${method} ${redactUrl(url)} ${size}, over the ${formatBytes(limit)} a response may have; reading stopped there. If the API really sends bodies this large, raise maxResponseBytes on the stream (or on its HttpClient)`,
    );
    this.name = 'ResponseTooLargeError';
  }
}

/** A body as it arrives: chunks, and a way to stop reading (which aborts the request). */
export interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): void;
}

/** The part of a response the reader needs. */
export interface StreamedResponse {
  readonly headers: { get(name: string): string | null };
  readonly body: BodyStream | null;
}

/**
 * Reads a response body as it streams in, decompressed, and stops as soon as it passes `limit`
 * bytes: the stream is destroyed (which aborts the request) and `ResponseTooLargeError` thrown.
 * An endless body or a gzip bomb so costs at most `limit` bytes of memory.
 */
export async function readBoundedBody(response: StreamedResponse, limit: number, method: string, url: URL): Promise<Uint8Array> {
  const { body } = response;
  if (body === null) return new Uint8Array();
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase() ?? 'identity';
  if (declared > limit && (encoding === 'identity' || encoding === '')) {
    body.destroy();
    throw new ResponseTooLargeError(limit, method, url, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const value of body) {
      size += value.byteLength;
      if (size > limit) throw new ResponseTooLargeError(limit, method, url);
      chunks.push(value);
    }
  } catch (error) {
    body.destroy();
    throw error;
  }
  return concatenated(chunks, size);
}

function concatenated(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** `64 MiB`, `1.5 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}
