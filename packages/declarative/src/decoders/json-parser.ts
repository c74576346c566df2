// The CDK's JsonParser: the whole body as one JSON document (orjson, then the json module, which
// also reads NaN and Infinity); a top-level array gives its elements, anything else itself; a
// body that is not JSON (or is `null`) fails the read.
import { ConnectorError } from '@tributary/cdk';
import { parseJsonText, toJsonValue } from '../interpolation/json-values.js';
import { collectBody, type DecodedValue, type Parser } from './decoder.js';
import { textDecoderFor } from './text-encoding.js';

export class JsonParser implements Parser {
  constructor(private readonly encoding: string = 'utf-8') {}

  parseAll(body: Uint8Array): DecodedValue[] {
    const value = parseJsonDocument(body, this.encoding);
    if (value === null || value === undefined) {
      throw new ConnectorError('Response JSON data failed to be parsed. See logs for more information.', {
        internalMessage: 'Response JSON data failed to be parsed.',
      });
    }
    return Array.isArray(value) ? value : [value];
  }

  async *parseChunks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<DecodedValue[]> {
    const items = this.parseAll(await collectBody(chunks));
    if (items.length > 0) yield items;
  }
}

/** JSON text as Python reads it, or undefined when it is not JSON. */
export function parseJsonDocument(body: Uint8Array, encoding = 'utf-8'): unknown {
  let text: string;
  try {
    text = textDecoderFor(encoding).decode(body);
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return parseWithPythonExtensions(text);
  }
}

/** Python's json module also accepts NaN, Infinity and -Infinity (JSON.parse does not). */
function parseWithPythonExtensions(text: string): unknown {
  if (!/NaN|Infinity/.test(text)) return undefined;
  try {
    return toJsonValue(parseJsonText(text.trim()));
  } catch {
    return undefined;
  }
}
