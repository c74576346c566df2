/**
 * The regular expression (its source) that finds one secret in every spelling a program or a
 * server may print it in. Each character may appear literally or escaped on its own, since
 * encoders escape some characters and not others:
 * - JSON: `\uXXXX` in any hex case (surrogate pairs as two escapes), the short escapes
 *   (`\"`, `\\`, `\/`, `\b`, `\t`…);
 * - URLs and forms: `%XX` of each UTF-8 byte in any hex case, `+` for a space;
 * - HTML: the entities of `& < > " '` (`&amp;`, `&#60;`, `&#x3C;`…).
 * A run of whitespace inside the secret matches any run of whitespace (in any of those
 * spellings), so a copy whose spaces were collapsed, expanded or turned into tabs is found too.
 * Whitespace around the secret is not part of the pattern: a header value loses it in transit
 * (HTTP strips it), and the secret is found with or without it.
 */
export function secretPattern(secret: string): string {
  let pattern = '';
  let inWhitespace = false;
  for (const char of secret.trim()) {
    if (WHITESPACE.test(char)) {
      if (!inWhitespace) pattern += whitespaceRun();
      inWhitespace = true;
      continue;
    }
    inWhitespace = false;
    pattern += characterPattern(char);
  }
  return pattern;
}

const WHITESPACE = /\s/;
const encoder = new TextEncoder();
let whitespaceRunPattern: string | undefined;

/** One or more whitespace characters: literal, JSON-escaped, percent-encoded, or a form's `+`. */
function whitespaceRun(): string {
  if (whitespaceRunPattern === undefined) {
    const forms = ['\\s', '\\\\[tnrf]', '\\+'];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (WHITESPACE.test(char)) forms.push(unicodeEscape(char), percentEncoded(char));
    }
    whitespaceRunPattern = `(?:${forms.join('|')})+`;
  }
  return whitespaceRunPattern;
}

const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', '\b': 'b' };

const HTML_ENTITIES: Readonly<Record<string, readonly string[]>> = {
  '&': ['amp'],
  '<': ['lt'],
  '>': ['gt'],
  '"': ['quot'],
  "'": ['apos'],
};

function characterPattern(char: string): string {
  // Escaped spellings first: an entity or escape is then taken whole, not its first character.
  const forms: string[] = [];
  const short = JSON_SHORT_ESCAPES[char];
  if (short !== undefined) forms.push(escapeRegExp(`\\${short}`));
  forms.push(unicodeEscape(char), percentEncoded(char));
  const named = HTML_ENTITIES[char];
  if (named !== undefined) {
    const code = char.charCodeAt(0);
    forms.push(...named.map((name) => `&${name};`), `&#0*${code};`, `&#[xX]0*${hexDigits(code, 1)};`);
  }
  forms.push(escapeRegExp(char));
  return `(?:${forms.join('|')})`;
}

/** `\uXXXX` for each UTF-16 unit of `char` (a surrogate pair is two escapes). */
function unicodeEscape(char: string): string {
  let pattern = '';
  for (let index = 0; index < char.length; index++) pattern += `\\\\u${hexDigits(char.charCodeAt(index), 4)}`;
  return pattern;
}

/** `%XX` for each UTF-8 byte of `char`. */
function percentEncoded(char: string): string {
  let pattern = '';
  for (const byte of encoder.encode(char)) pattern += `%${hexDigits(byte, 2)}`;
  return pattern;
}

/** `value` in hex, at least `width` digits, each letter matching either case. */
function hexDigits(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
