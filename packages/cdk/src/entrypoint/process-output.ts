import type { Writable } from 'node:stream';
import { format } from 'node:util';
import type { Logger } from '../output/logger.js';
import type { SecretMasker } from '../output/secret-masker.js';

/**
 * Sends `console.*` to the logger, so a stray `console.log` in connector code becomes a masked
 * LOG message instead of a raw line that corrupts the message stream. Returns the undo.
 */
export function captureConsole(logger: Logger): () => void {
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  console.log = (...args: unknown[]) => logger.info(format(...args));
  console.info = (...args: unknown[]) => logger.info(format(...args));
  console.warn = (...args: unknown[]) => logger.warn(format(...args));
  console.error = (...args: unknown[]) => logger.error(format(...args));
  console.debug = (...args: unknown[]) => logger.debug(format(...args));
  return () => Object.assign(console, original);
}

/**
 * Masks secrets in everything written to a stream (a connector's stderr, the runner's stdout and
 * stderr), including writes by code that does not know about masking. Returns the undo.
 */
export function maskStream(stream: NodeJS.WritableStream, masker: SecretMasker): () => void {
  const originalWrite = stream.write;
  stream.write = function maskedWrite(this: Writable, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk;
    const safe = typeof text === 'string' ? masker.mask(text) : text;
    return (originalWrite as (...args: unknown[]) => boolean).call(this, safe, ...rest);
  } as NodeJS.WritableStream['write'];
  return () => {
    stream.write = originalWrite;
  };
}
