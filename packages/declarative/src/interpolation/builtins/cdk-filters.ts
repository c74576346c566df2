// The Python CDK's interpolation filters (airbyte_cdk.sources.declarative.interpolation.filters).
import { createHash, createHmac, getHashes } from 'node:crypto';
import { attributeError, PythonError, typeError, valueError } from '../errors.js';
import type { FilterFn } from '../template/environment.js';
import { truthy } from '../values/compare.js';
import type { PyValue } from '../values/object.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { pyTypeName } from '../values/type-name.js';
import { Undefined } from '../values/undefined.js';
import { bindArgs } from './args.js';
import { a2bBase64 } from './base64.js';
import { jsonDumps } from './json-dumps.js';
import { compilePython, expandReplacement } from './python-regex.js';

/** hashlib constructor names and the digests Node offers for them. */
const HASHLIB: Record<string, string> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha3_224: 'sha3-224',
  sha3_256: 'sha3-256',
  sha3_384: 'sha3-384',
  sha3_512: 'sha3-512',
  blake2b: 'blake2b512',
  blake2s: 'blake2s256',
};

function encodeAttr(value: PyValue, what = 'encode'): string {
  if (typeof value === 'string') return value;
  if (value instanceof Undefined) value.fail(pyRepr);
  throw attributeError(`'${pyTypeName(value)}' object has no attribute '${what}'`);
}

function regexSubject(value: PyValue): string {
  if (typeof value === 'string') return value;
  throw typeError(`expected string or bytes-like object, got '${pyTypeName(value)}'`);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PythonError('UnicodeDecodeError', "'utf-8' codec can't decode bytes: invalid start byte");
  }
}

const AVAILABLE_HASHES = new Set(getHashes());

const hash: FilterFn = (value, args, kwargs) => {
  const [type, salt] = bindArgs(
    'hash',
    [
      ['hash_type', 'md5'],
      ['salt', null],
    ],
    args,
    kwargs,
  ) as PyValue[];
  const algorithm = typeof type === 'string' ? HASHLIB[type] : undefined;
  if (algorithm === undefined || !AVAILABLE_HASHES.has(algorithm)) throw attributeError(`No hashing function named ${pyStr(type)}`);
  const digest = createHash(algorithm).update(pyStr(value), 'utf8');
  if (truthy(salt)) digest.update(pyStr(salt), 'utf8');
  return digest.digest('hex');
};

const regexSearch: FilterFn = (value, args, kwargs) => {
  const [regex] = bindArgs('regex_search', [['regex']], args, kwargs) as PyValue[];
  const match = compilePython(pyStr(regex)).exec(regexSubject(value));
  if (match === null || match.length < 2) return '';
  return match[1] ?? null;
};

/** re.sub: every match replaced by the expanded template (empty matches included, as Python's). */
const regexReplace: FilterFn = (value, args, kwargs, rt) => {
  const [regex, replacement] = bindArgs('regex_replace', [['regex'], ['replacement']], args, kwargs) as PyValue[];
  const template = pyStr(replacement);
  const pattern = compilePython(pyStr(regex), true);
  const subject = regexSubject(value);
  let out = '';
  let last = 0;
  for (let m = pattern.exec(subject); m !== null; m = pattern.exec(subject)) {
    out += subject.slice(last, m.index) + expandReplacement(template, m);
    last = m.index + m[0].length;
    if (m[0].length === 0) pattern.lastIndex++;
    rt.budget.checkString(out.length);
  }
  return out + subject.slice(last);
};

const hmac: FilterFn = (value, args, kwargs) => {
  const [key, type] = bindArgs('hmac', [['key'], ['hash_type', 'sha256']], args, kwargs) as PyValue[];
  if (type !== 'sha256') throw valueError(`Hash type '${pyStr(type)}' is not allowed. Allowed types: sha256`);
  return createHmac('sha256', Buffer.from(encodeAttr(key), 'utf8'))
    .update(pyStr(value), 'utf8')
    .digest('hex');
};

export function cdkFilters(): Map<string, FilterFn> {
  return new Map<string, FilterFn>([
    ['hash', hash],
    ['base64encode', (value) => Buffer.from(encodeAttr(value), 'utf8').toString('base64')],
    ['base64decode', (value) => decodeUtf8(a2bBase64(encodeAttr(value)))],
    ['base64binascii_decode', (value) => Buffer.from(encodeAttr(value), 'utf8').toString('base64')],
    ['string', (value) => (typeof value === 'string' ? value : `"""${jsonDumps(value)}"""`)],
    ['regex_search', regexSearch],
    ['regex_replace', regexReplace],
    ['hmac', hmac],
  ]);
}
