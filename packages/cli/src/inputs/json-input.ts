/**
 * The JSON a command takes on its command line: `--config` (inline JSON or a file), `--catalog`
 * (a file), `--state` (inline JSON or a file), the discover config of `tributary metadata`. Read
 * here and nowhere else, with the nesting bound of json-depth.ts; an error names the input and
 * says what is wrong, without the parser's own message, which may quote the input and a secret
 * with it.
 */
import { readFileSync } from 'node:fs';
import { fileErrorWords } from '../file-error-words.js';
import { parseBoundedJson } from '../json-depth.js';

export interface JsonInputKind {
  /** What it is, in messages: `config` gives "config file x.json" and "cannot read config file x.json". */
  what: string;
  /** The option that also takes inline JSON (`--config`): a value starting with `{` (or `[`) is the JSON itself. */
  inlineOption?: string;
  /** What the JSON must be (default: any JSON value). */
  shape?: 'object' | 'object or array';
}

export interface JsonInput {
  value: unknown;
  /** The file it came from; undefined for inline JSON. */
  file: string | undefined;
}

/** Reads one JSON input: `argument` is its inline JSON or its file. Errors are plain Errors with a message for the user. */
export function readJsonInput(argument: string, kind: JsonInputKind): JsonInput {
  const inline = kind.inlineOption !== undefined && isInlineJson(argument, kind.shape === 'object or array');
  const name = inline ? `the ${kind.inlineOption} JSON` : `${kind.what} file ${argument}`;
  const value = parseBoundedJson(inline ? argument : readText(argument, kind.what), name);
  if (kind.shape !== undefined && !hasShape(value, kind.shape)) throw new Error(`${name} must be a JSON ${kind.shape}`);
  return { value, file: inline ? undefined : argument };
}

function isInlineJson(argument: string, arrays: boolean): boolean {
  const start = argument.trimStart()[0];
  return start === '{' || (arrays && start === '[');
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} file ${file}: ${fileErrorWords(error)}`);
  }
}

function hasShape(value: unknown, shape: NonNullable<JsonInputKind['shape']>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return shape === 'object or array' || !Array.isArray(value);
}
