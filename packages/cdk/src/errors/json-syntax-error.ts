/**
 * What is wrong with a text `JSON.parse` rejected, safe to print. V8's messages either name a
 * syntax element and a position (`Expected ',' or '}' after property value in JSON at position
 * 45`) or quote the input around the problem (`Unexpected token 's', "{"key": sk_live_ab"... is
 * not valid JSON`), which may be a secret: a config value, or a token a server echoed. Only the
 * first kind is passed on; the second becomes `unexpected token` without the quote.
 */
export function describeJsonSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return QUOTES_INPUT.test(message) || !KNOWN_FORM.test(message) ? 'unexpected token' : message;
}

/** A message that quotes the input: V8's `Unexpected token 'x', "…" is not valid JSON` and older `Unexpected token x in JSON`. */
const QUOTES_INPUT = /"|is not valid JSON|Unexpected token/;

/** The messages that only name syntax and a position. */
const KNOWN_FORM = /^(Unexpected end of JSON input|[\w ',:'{}[\]-]+ (in|after) JSON at position \d+( \(line \d+ column \d+\))?)$/;
