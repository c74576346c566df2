import { describeJsonSyntaxError } from '@tributary/cdk/runtime';

/**
 * A bound on how deeply JSON the runner reads may nest: connector messages, and the config,
 * catalog and state files it is given. `JSON.parse` copes with any depth, but what comes after
 * (`JSON.stringify`, `structuredClone`, any recursive walk) overflows the stack somewhere
 * between 4,000 and 10,000 levels with `Maximum call stack size exceeded`, naming nothing. So
 * deeper input is refused up front with a message that says where. 1,000 levels is also as deep
 * as Python's json module reads with its default recursion limit: no Airbyte connector written
 * in Python can produce more.
 */
export const MAX_JSON_DEPTH = 1000;

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;

/** Where JSON text first nests deeper than `max` levels (character offset), or undefined when it does not. */
export function excessiveNesting(text: string, max = MAX_JSON_DEPTH): number | undefined {
  // Each level takes an opening and a closing character, and most texts have few brackets:
  // counting them with indexOf (native, fast) rules nearly every text out before the full scan.
  if (text.length <= 2 * max) return undefined;
  const braces = countUpTo(text, '{', max + 1);
  if (braces + countUpTo(text, '[', max + 1 - braces) <= max) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return undefined;
}

/** How often `char` occurs in `text`, counting no further than `limit`. */
function countUpTo(text: string, char: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1 && count < limit; at = text.indexOf(char, at + 1)) count++;
  return count;
}

/** The message for input that nests too deeply; `what` names it (`config file x.json`). */
export function nestingMessage(what: string, offset: number): string {
  return `${what} nests deeper than ${MAX_JSON_DEPTH} levels (at character ${offset + 1}); the runner reads JSON up to ${MAX_JSON_DEPTH} levels deep`;
}

/** JSON.parse, after checking the nesting; errors name `what`. */
export function parseBoundedJson(text: string, what: string): unknown {
  const deep = excessiveNesting(text);
  if (deep !== undefined) throw new Error(nestingMessage(what, deep));
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's own message may quote the input, and with it a secret: only its safe part goes on.
    throw new Error(`${what} is not valid JSON (${describeJsonSyntaxError(error)})`);
  }
}
