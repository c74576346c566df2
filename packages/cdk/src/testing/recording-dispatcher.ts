import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { Dispatcher } from 'undici';
import { bodyText, type DispatchedRequest, normalizeHeaders, type SeenRequest, seenRequest } from './http-request.js';

/** A response as it came over the wire, its body decoded (`content-encoding` undone). */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One request and what came of it: a complete response, or the error that ended it. */
export interface Exchange {
  request: SeenRequest;
  /** Undefined when no complete response came (`error` says why). */
  response?: RecordedResponse;
  /** Why the request failed without a complete response (connection refused, a timeout, an abort). */
  error?: string;
  /** When the request was handed to the dispatcher (epoch ms). */
  startedAt: number;
  /** From then to the end of the response body (or the failure), in ms. */
  durationMs: number;
}

/**
 * A dispatcher that sends every request through `inner` (the network) and reports each
 * exchange: the recording half of record/replay, and what tools that show requests build on.
 * Bodies are kept decompressed, and the `content-encoding` header is dropped accordingly, so a
 * fixture can be read and redacted.
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
    const startedAt = Date.now();
    const report = (outcome: { response: RecordedResponse } | { error: string }) => {
      if (sentChunks.length > 0) request.body = bodyText(Buffer.concat(sentChunks));
      this.onExchange({ request, ...outcome, startedAt, durationMs: Date.now() - startedAt });
    };
    return this.inner.dispatch(forwarded, recordingHandler(handler, report));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** `handler`, seeing the response (status, headers, body) go by and reporting it once complete, or the error that ended it. */
function recordingHandler(
  handler: Dispatcher.DispatchHandlers,
  report: (outcome: { response: RecordedResponse } | { error: string }) => void,
): Dispatcher.DispatchHandlers {
  let status = 0;
  let headers: Record<string, string> = {};
  const chunks: Buffer[] = [];
  let reported = false;
  const once = (outcome: { response: RecordedResponse } | { error: string }) => {
    if (reported) return;
    reported = true;
    report(outcome);
  };
  return new Proxy(handler, {
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
          once({ response: { status, ...decode(Buffer.concat(chunks), headers) } });
          return target.onComplete?.(trailers);
        };
      }
      if (property === 'onError') {
        return (error: Error) => {
          once({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
          return target.onError?.(error);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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
