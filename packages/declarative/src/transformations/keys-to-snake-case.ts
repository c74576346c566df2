/// <reference path="../types/unidecode.d.ts" />
// The CDK's KeysToSnakeCase, at every level of nested objects: a key is transliterated to ASCII
// (unidecode), cut into tokens (upper-case runs with their lower-case tail, lower-case runs, digit
// runs, and runs of anything else, which become empty tokens), the empty tokens dropped except at
// both ends, an empty token put first when the key starts with a digit, and the tokens joined
// with '_' in lower case.
import unidecode from 'unidecode';
import { renameKeysDeep, replaceContent } from './rename-keys.js';
import type { MutableRecord, RecordTransformation } from './transformation.js';

const TOKEN = /[A-Z]+[a-z]*|[a-z]+|\d+|(?<noToken>[^a-zA-Z\d]+)/g;

export function snakeCaseKey(key: string): string {
  const ascii = unidecode(key);
  let tokens: string[] = [];
  for (const match of ascii.matchAll(TOKEN)) tokens.push(match.groups?.noToken === undefined ? match[0] : '');
  if (tokens.length >= 3) tokens = [tokens[0], ...tokens.slice(1, -1).filter((token) => token !== ''), tokens[tokens.length - 1]];
  if (tokens.length > 0 && /^\d+$/.test(tokens[0])) tokens.unshift('');
  return tokens.map((token) => token.toLowerCase()).join('_');
}

export class KeysToSnakeCase implements RecordTransformation {
  /** Nested objects are rebuilt renamed, never changed in place. */
  readonly changesOwnKeysOnly = true;
  private readonly cache = new Map<string, string>();

  transform(record: MutableRecord): void {
    replaceContent(
      record,
      renameKeysDeep(record, (key) => this.key(key)),
    );
  }

  private key(key: string): string {
    let snake = this.cache.get(key);
    if (snake === undefined) {
      snake = snakeCaseKey(key);
      if (this.cache.size < 10_000) this.cache.set(key, snake);
    }
    return snake;
  }
}
