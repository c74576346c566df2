import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { Dispatcher } from 'undici';
import { bodyText, type DispatchedRequest, normalizeHeaders, type SeenRequest, seenRequest } from './http-request.js';

/** One request and the response it got, as they went over the wire (bodies decoded). */
export interface Exchange {
  request: SeenRequest;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A dispatcher that sends every request through `inner` (the network) and reports each
 * complete exchange: the recording half of record/replay. Bodies are kept decompressed, and the
 * `content-encoding` header is dropped accordingly, so a fixture can be read and redacted.
 */
export class RecordingDispatcher extends Dispatcher {
  constructor(
    private readonly inner: Dispatcher,
    private readonly onExchange: (exchange: Exchange) => void,
  ) {
    super();
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const request = seenRequest(options as unknown as DispatchedRequest);
    const sentChunks: Buffer[] = [];
    let forwarded = options;
    const body = options.body as unknown;
    if (body !== null && body !== undefined && typeof body === 'object' && Symbol.asyncIterator in body) {
      forwarded = {
        ...options,
        body: tee(body as AsyncIterable<Uint8Array | string>, sentChunks) as unknown as Dispatcher.DispatchOptions['body'],
      };
    }
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    const onExchange = this.onExchange;
    const wrapped = new Proxy(handler, {
      get(target, property, receiver) {
        if (property === 'onHeaders') {
          return (statusCode: number, rawHeaders: unknown, resume: () => void, statusText: string) => {
            status = statusCode;
            headers = normalizeHeaders(rawHeaders);
            return target.onHeaders?.(statusCode, rawHeaders as Buffer[], resume, statusText);
          };
        }
        if (property === 'onData') {
          return (chunk: Buffer) => {
            chunks.push(Buffer.from(chunk));
            return target.onData?.(chunk);
          };
        }
        if (property === 'onComplete') {
          return (trailers: string[] | null) => {
            if (sentChunks.length > 0) request.body = bodyText(Buffer.concat(sentChunks));
            const decoded = decode(Buffer.concat(chunks), headers);
            onExchange({ request, status, headers: decoded.headers, body: decoded.body });
            return target.onComplete?.(trailers);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return this.inner.dispatch(forwarded, wrapped);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

async function* tee(source: AsyncIterable<Uint8Array | string>, sink: Buffer[]): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    sink.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    yield chunk;
  }
}

function decode(body: Buffer, headers: Record<string, string>): { body: Buffer; headers: Record<string, string> } {
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '' && item !== 'identity');
  if (encodings.length === 0 || body.length === 0) return { body, headers };
  let decoded = body;
  try {
    for (const encoding of encodings.reverse()) {
      if (encoding === 'gzip' || encoding === 'x-gzip') decoded = gunzipSync(decoded);
      else if (encoding === 'br') decoded = brotliDecompressSync(decoded);
      else if (encoding === 'deflate') decoded = inflateOrRaw(decoded);
      else return { body, headers };
    }
  } catch {
    return { body, headers };
  }
  const { 'content-encoding': _encoding, 'content-length': _length, ...rest } = headers;
  return { body: decoded, headers: rest };
}

function inflateOrRaw(body: Buffer): Buffer {
  try {
    return inflateSync(body);
  } catch {
    return inflateRawSync(body);
  }
}
