// binascii.a2b_base64 in its lenient default mode (what base64.b64decode uses): characters outside
// the alphabet are skipped, decoding stops at completed padding, and errors read as Python's.
import { PythonError } from '../errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function a2bBase64(text: string): Uint8Array {
  const out: number[] = [];
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  let dataChars = 0;
  for (const ch of text) {
    if (ch === '=') {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const value = ALPHABET.indexOf(ch);
    if (value < 0) continue;
    dataChars++;
    pads = 0;
    switch (quadPos) {
      case 0:
        leftChar = value;
        break;
      case 1:
        out.push((leftChar << 2) | (value >> 4));
        leftChar = value & 0x0f;
        break;
      case 2:
        out.push((leftChar << 4) | (value >> 2));
        leftChar = value & 0x03;
        break;
      default:
        out.push((leftChar << 6) | value);
    }
    quadPos = (quadPos + 1) & 3;
  }
  if (quadPos === 1) {
    throw new PythonError(
      'Error',
      `Invalid base64-encoded string: number of data characters (${dataChars}) cannot be 1 more than a multiple of 4`,
    );
  }
  if (quadPos !== 0) throw new PythonError('Error', 'Incorrect padding');
  return Uint8Array.from(out);
}
