// Attributes and methods of int, bool, float and bytes.
import { PythonError, valueError } from '../errors.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { PyBytes, PyTuple } from '../values/containers.js';
import { bitLength, floatOf, intOf, normBig, PyFloat, toBig } from '../values/number.js';
import { MISSING, type Missing, type PyValue } from '../values/object.js';
import { bindArgs, checkPositional, positional } from './args.js';

type Method<T> = (self: T, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue;

export const INT_METHODS: Record<string, Method<number | bigint | boolean>> = {
  bit_length: positional('bit_length', 0, 0, (self) => bitLength(intOf(self))),
  bit_count: (self, a, k) => {
    checkPositional('bit_count', a, k, 0, 0);
    const v = toBig(intOf(self));
    return [...(v < 0n ? -v : v).toString(2)].filter((c) => c === '1').length;
  },
  conjugate: (self) => intOf(self),
  as_integer_ratio: (self) => new PyTuple([intOf(self), 1]),
  to_bytes: (self, a, k, rt) => {
    const [length, byteorder, signed] = bindArgs(
      'to_bytes',
      [
        ['length', 1],
        ['byteorder', 'big'],
        ['signed', false],
      ],
      a,
      k,
    );
    let v = toBig(intOf(self));
    const n = Number(intOf(length as number));
    if (n < 0) throw valueError('length argument must be non-negative');
    rt.budget.checkString(n);
    if (v < 0n) {
      if (signed !== true) throw new PythonError('OverflowError', "can't convert negative int to unsigned");
      v += 1n << BigInt(8 * n);
    }
    const bytes = new Uint8Array(n);
    for (let i = n - 1; i >= 0; i--) {
      bytes[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    if (v !== 0n) throw new PythonError('OverflowError', 'int too big to convert');
    return new PyBytes(byteorder === 'little' ? bytes.reverse() : bytes);
  },
};

export function intProperty(self: number | bigint | boolean, name: string): PyValue | Missing {
  if (name === 'real' || name === 'numerator') return intOf(self);
  if (name === 'imag') return 0;
  if (name === 'denominator') return 1;
  return MISSING;
}

export const FLOAT_METHODS: Record<string, Method<PyValue>> = {
  is_integer: (self) => Number.isInteger(floatOf(self)),
  conjugate: (self) => new PyFloat(floatOf(self)),
  as_integer_ratio: (self) => {
    const x = floatOf(self);
    if (!Number.isFinite(x)) throw valueError('cannot convert Infinity or NaN to integer ratio');
    let denominator = 1n;
    let scaled = x;
    while (!Number.isInteger(scaled)) {
      scaled *= 2;
      denominator *= 2n;
    }
    return new PyTuple([normBig(BigInt(scaled)), normBig(denominator)]);
  },
  hex: (self) => {
    const x = floatOf(self);
    if (x === 0) return Object.is(x, -0) ? '-0x0.0p+0' : '0x0.0p+0';
    const exponent = Math.floor(Math.log2(Math.abs(x)));
    const mantissa = Math.abs(x) / 2 ** exponent;
    const fraction = Math.round((mantissa - 1) * 2 ** 52)
      .toString(16)
      .padStart(13, '0');
    return `${x < 0 ? '-' : ''}0x1.${fraction}p${exponent >= 0 ? '+' : ''}${exponent}`;
  },
};

export function floatProperty(self: PyValue, name: string): PyValue | Missing {
  if (name === 'real') return new PyFloat(floatOf(self));
  if (name === 'imag') return new PyFloat(0);
  return MISSING;
}

export const BYTES_METHODS: Record<string, Method<PyBytes>> = {
  decode: (self, a, k) => {
    const [encoding, errors] = bindArgs(
      'decode',
      [
        ['encoding', 'utf-8'],
        ['errors', 'strict'],
      ],
      a,
      k,
    );
    const name = String(encoding).toLowerCase().replace(/[-_]/g, '');
    if (name === 'ascii' || name === 'latin1' || name === 'iso88591') {
      const limit = name === 'ascii' ? 0x80 : 0x100;
      return Array.from(self.bytes, (b) => {
        if (b < limit) return String.fromCharCode(b);
        if (errors === 'ignore') return '';
        if (errors === 'replace') return '\ufffd';
        throw new PythonError('UnicodeDecodeError', `'ascii' codec can't decode byte 0x${b.toString(16)}: ordinal not in range(128)`);
      }).join('');
    }
    if (name !== 'utf8') throw new PythonError('LookupError', `unknown encoding: ${String(encoding)}`);
    try {
      return new TextDecoder('utf-8', { fatal: errors === 'strict' }).decode(self.bytes);
    } catch {
      throw new PythonError('UnicodeDecodeError', "'utf-8' codec can't decode bytes: invalid utf-8");
    }
  },
  hex: (self) => Buffer.from(self.bytes).toString('hex'),
};
