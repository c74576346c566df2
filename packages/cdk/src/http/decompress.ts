import { pipeline, type Readable, type Transform } from 'node:stream';
import { onDemand } from './on-demand-modules.js';

/**
 * The body as the server meant it: undone of its `Content-Encoding` (gzip, deflate, br, or
 * several of them, applied in the order listed), as a stream, so that a size limit counts the
 * decompressed bytes while they arrive. Destroying the result destroys the whole chain (and so
 * aborts the response). An unknown encoding leaves the body as it is.
 */
export function decompressedBody(body: Readable, contentEncoding: string | null): Readable {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '' && encoding !== 'identity')
    .reverse();
  const decoders: Transform[] = [];
  for (const encoding of encodings) {
    const decoder = decoderFor(encoding);
    if (decoder === undefined) return body;
    decoders.push(decoder);
  }
  if (decoders.length === 0) return body;
  return pipeline([body, ...decoders], () => undefined) as unknown as Readable;
}

/** Lenient flushing, as browsers and Python's urllib3: a body cut at the end of a block still decodes. */
function decoderFor(encoding: string): Transform | undefined {
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate' && encoding !== 'br') return undefined;
  const zlib = onDemand.zlib();
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (encoding === 'deflate') return zlib.createInflate(lenient);
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return zlib.createGunzip(lenient);
}
