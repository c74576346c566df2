// The CDK's JsonLineParser: one JSON value per line ('\n'); a line that is not JSON (an empty line
// included) is skipped with a warning, as the CDK logs and skips it.
import type { DecodedValue, Parser } from './decoder.js';
import { type TextDecoding, textDecoderFor } from './text-encoding.js';

export type WarningSink = (message: string) => void;

const NEWLINE = 0x0a;

export class JsonLineParser implements Parser {
  private readonly text: TextDecoding;

  constructor(
    encoding: string = 'utf-8',
    private readonly warn: WarningSink = () => {},
  ) {
    this.text = textDecoderFor(encoding);
  }

  parseAll(body: Uint8Array): DecodedValue[] {
    const items: DecodedValue[] = [];
    let start = 0;
    while (start < body.length) {
      const end = body.indexOf(NEWLINE, start);
      const stop = end === -1 ? body.length : end + 1;
      this.parseLine(body.subarray(start, stop), items);
      start = stop;
    }
    return items;
  }

  async *parseChunks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<DecodedValue[]> {
    let pending: Uint8Array = new Uint8Array(0);
    for await (const chunk of chunks) {
      const data = pending.length === 0 ? chunk : concat(pending, chunk);
      const lastNewline = data.lastIndexOf(NEWLINE);
      if (lastNewline === -1) {
        pending = data;
        continue;
      }
      pending = data.slice(lastNewline + 1);
      const items = this.parseAll(data.subarray(0, lastNewline + 1));
      if (items.length > 0) yield items;
    }
    if (pending.length > 0) yield this.parseAll(pending);
  }

  private parseLine(line: Uint8Array, items: DecodedValue[]): void {
    let text = '';
    try {
      text = this.text.decode(line);
      items.push(JSON.parse(text));
    } catch (error) {
      this.warn(
        `Cannot decode/parse line ${JSON.stringify(text)} as JSON, error: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
