// CPython's hash() for the types that end up in sets, with PYTHONHASHSEED=0 (the corpus's
// setting, and what makes set iteration order reproducible): set reprs and the CDK's
// "undeclared variables: {...}" message list members in CPython's table order.
import { PyFloat } from './number.js';
import { PyObject, type PyValue } from './object.js';

const MASK64 = (1n << 64n) - 1n;
const MODULUS = (1n << 61n) - 1n;

function rotl(x: bigint, bits: bigint): bigint {
  return ((x << bits) | (x >> (64n - bits))) & MASK64;
}

/** SipHash-1-3 with a zero key, as CPython 3.11+ hashes str and bytes. */
function siphash13(bytes: Uint8Array): bigint {
  let v0 = 0x736f6d6570736575n;
  let v1 = 0x646f72616e646f6dn;
  let v2 = 0x6c7967656e657261n;
  let v3 = 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & MASK64;
    v2 = (v2 + v3) & MASK64;
    v1 = rotl(v1, 13n) ^ v0;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v1) & MASK64;
    v0 = (v0 + v3) & MASK64;
    v1 = rotl(v1, 17n) ^ v2;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = rotl(v2, 32n);
  };
  const full = bytes.length - (bytes.length % 8);
  for (let offset = 0; offset < full; offset += 8) {
    let m = 0n;
    for (let i = 7; i >= 0; i--) m = (m << 8n) | BigInt(bytes[offset + i]);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  let tail = BigInt(bytes.length & 0xff) << 56n;
  for (let i = bytes.length - 1; i >= full; i--) tail |= BigInt(bytes[i]) << BigInt((i - full) * 8);
  v3 ^= tail;
  round();
  v0 ^= tail;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return v0 ^ v1 ^ v2 ^ v3;
}

/** The bytes of CPython's compact str representation (1, 2 or 4 bytes per code point). */
function strBytes(text: string): Uint8Array {
  const points = Array.from(text, (ch) => ch.codePointAt(0)!);
  const max = points.reduce((m, p) => Math.max(m, p), 0);
  const width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const bytes = new Uint8Array(points.length * width);
  points.forEach((p, i) => {
    for (let b = 0; b < width; b++) bytes[i * width + b] = (p >> (8 * b)) & 0xff;
  });
  return bytes;
}

function fixMinusOne(h: bigint): bigint {
  return h === MASK64 ? MASK64 - 1n : h;
}

export function hashBytes(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : fixMinusOne(siphash13(bytes));
}

function hashInt(v: bigint): bigint {
  const magnitude = (v < 0n ? -v : v) % MODULUS;
  const signed = v < 0n ? -magnitude : magnitude;
  return fixMinusOne(signed & MASK64);
}

function hashFloat(v: number): bigint {
  if (Number.isNaN(v)) return 0n;
  if (!Number.isFinite(v)) return v > 0 ? 314159n : -314159n & MASK64;
  if (Number.isInteger(v)) return hashInt(BigInt(v));
  let e = Math.floor(Math.log2(Math.abs(v))) + 1;
  let m = Math.abs(v) / 2 ** e;
  if (m >= 1) {
    m /= 2;
    e += 1;
  }
  let x = 0n;
  while (m) {
    x = ((x << 28n) & MODULUS) | (x >> 33n);
    m *= 268435456;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    x += BigInt(y);
    if (x >= MODULUS) x -= MODULUS;
  }
  const shift = BigInt(e >= 0 ? e % 61 : 60 - ((-1 - e) % 61));
  x = ((x << shift) & MODULUS) | (x >> (61n - shift));
  return fixMinusOne((v < 0 ? -x : x) & MASK64);
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

function hashTuple(items: readonly PyValue[]): bigint {
  let acc = XXPRIME_5;
  for (const item of items) {
    acc = (acc + pyHash(item) * XXPRIME_2) & MASK64;
    acc = rotl(acc, 31n);
    acc = (acc * XXPRIME_1) & MASK64;
  }
  acc = (acc + (BigInt(items.length) ^ (XXPRIME_5 ^ 3527539n))) & MASK64;
  return acc === MASK64 ? 1546275796n : acc;
}

/** Something with a tuple-like hash (PyTuple) or raw bytes (PyBytes) exposes it through this. */
export interface HashableParts {
  hashParts(): { kind: 'tuple'; items: readonly PyValue[] } | { kind: 'bytes'; bytes: Uint8Array };
}

/** hash(value) as an unsigned 64-bit integer. */
export function pyHash(value: PyValue): bigint {
  switch (typeof value) {
    case 'string':
      return hashBytes(strBytes(value));
    case 'boolean':
      return value ? 1n : 0n;
    case 'number':
      return Number.isInteger(value) ? hashInt(BigInt(value)) : hashFloat(value);
    case 'bigint':
      return hashInt(value);
    default:
      if (value instanceof PyFloat) return hashFloat(value.value);
      if (value instanceof PyObject && 'hashParts' in value) {
        const parts = (value as unknown as HashableParts).hashParts();
        return parts.kind === 'tuple' ? hashTuple(parts.items) : hashBytes(parts.bytes);
      }
      // None and other objects hash by address in CPython 3.11: any fixed value is as good.
      return 0x5f3759dfn;
  }
}

const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;

/** The iteration order of a CPython set built by adding `hashes` in order (no deletions). */
export function cpythonSetOrder(hashes: readonly bigint[]): number[] {
  let mask = 7;
  let table: number[] = new Array(8).fill(-1);
  let used = 0;
  const place = (tbl: number[], m: number, index: number) => {
    const hash = hashes[index];
    let perturb = hash;
    let i = Number(hash & BigInt(m));
    for (;;) {
      const probes = i + LINEAR_PROBES <= m ? LINEAR_PROBES : 0;
      for (let j = 0; j <= probes; j++) {
        if (tbl[i + j] === -1) {
          tbl[i + j] = index;
          return;
        }
      }
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(m));
    }
  };
  for (let index = 0; index < hashes.length; index++) {
    place(table, mask, index);
    used++;
    if (used * 5 >= mask * 3) {
      const minUsed = used > 50000 ? used * 2 : used * 4;
      let size = 8;
      while (size <= minUsed) size <<= 1;
      const next: number[] = new Array(size).fill(-1);
      for (const entry of table) if (entry !== -1) place(next, size - 1, entry);
      table = next;
      mask = size - 1;
    }
  }
  return table.filter((entry) => entry !== -1);
}
