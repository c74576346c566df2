// Python indexes strings by code point; JavaScript by UTF-16 unit. Strings without surrogate
// pairs (nearly all) take the fast path.
const SURROGATE = /[\ud800-\udfff]/;

export function hasSurrogates(text: string): boolean {
  return SURROGATE.test(text);
}

export function codePoints(text: string): string[] {
  return Array.from(text);
}

export function pyLen(text: string): number {
  if (!hasSurrogates(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The characters (code points) of a str, as an indexable sequence. */
export function charsOf(text: string): readonly string[] | string {
  return hasSurrogates(text) ? codePoints(text) : text;
}
