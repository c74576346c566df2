// Bytes to text with Python's codec names (`utf-8`, `latin-1`, `iso-8859-1`, `cp1252`, ...).
// Python's 'utf-8' keeps a byte-order mark (only 'utf-8-sig' strips it) and fails on invalid
// bytes; latin-1 maps every byte to the code point of the same value.
import { ConnectorError } from '@tributary/cdk';

/** Bytes to text; `stream: true` keeps an incomplete character for the next call. */
export interface TextDecoding {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

const LATIN1 = new Set(['latin-1', 'latin1', 'latin_1', 'iso-8859-1', 'iso8859-1', 'iso_8859_1', '8859', 'cp819', 'l1']);

/** A decoder of bytes for a Python encoding name; streaming-safe (call with `stream: true` between chunks). */
export function textDecoderFor(encoding: string | undefined): TextDecoding {
  const name = (encoding ?? 'utf-8').trim().toLowerCase().replaceAll('_', '-');
  if (LATIN1.has(name)) return new Latin1Decoder();
  const label = name === 'utf-8-sig' || name === 'utf8-sig' ? 'utf-8' : name;
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: label === name });
  } catch {
    throw ConnectorError.config(`Unknown text encoding '${encoding}' in the manifest's decoder`);
  }
}

/** ISO-8859-1 as Python decodes it (WHATWG's 'latin1' label is windows-1252, which differs in 0x80-0x9F). */
class Latin1Decoder implements TextDecoding {
  decode(input?: Uint8Array): string {
    return input === undefined ? '' : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
  }
}
