import { EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml';
import { PYYAML_SAFE_SCHEMA } from './pyyaml-schema.js';

/** A line and a column in a YAML text, both 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

export type YamlPath = ReadonlyArray<string | number>;

/**
 * Where each node of a YAML document was written, by its path (`['streams', 2, 'retriever']`).
 * A mapping entry is located at its key. Built only when a message needs a position (it parses
 * the text a second time), so loading a valid manifest does not pay for it.
 */
export class YamlSourceMap {
  private readonly lineStarts: number[];

  private constructor(
    private readonly positions: Map<string, number>,
    text: string,
  ) {
    this.lineStarts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) this.lineStarts.push(index + 1);
  }

  /** The positions of every node of a YAML text, so problems can name a line and column. */
  static build(text: string): YamlSourceMap {
    const positions = new Map<string, number>();
    try {
      collectPositions(text, parseEvents(text, { maxDepth: 10_000 }), positions);
    } catch {
      // A text that does not parse has no positions; callers fall back to the path alone.
    }
    return new YamlSourceMap(positions, text);
  }

  /** The position of `path`, or of its deepest ancestor that was written in the text. */
  locate(path: YamlPath): SourcePosition | undefined {
    for (let length = path.length; length >= 0; length--) {
      const offset = this.positions.get(pathKey(path.slice(0, length)));
      if (offset !== undefined) return this.toPosition(offset);
    }
    return undefined;
  }

  private toPosition(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }
}

function pathKey(path: YamlPath): string {
  return JSON.stringify(path);
}

interface Frame {
  kind: 'mapping' | 'sequence';
  path: YamlPath;
  /** Next item index of a sequence. */
  index: number;
  /** For a mapping: the key just read, waiting for its value. */
  key?: string;
  keyOffset?: number;
}

/** Walks js-yaml's event stream and records the start offset of every node by path. */
function collectPositions(text: string, events: Event[], positions: Map<string, number>): void {
  const stack: Frame[] = [];
  const place = (offset: number): YamlPath | undefined => {
    const frame = stack.at(-1);
    if (frame === undefined) {
      positions.set(pathKey([]), offset);
      return [];
    }
    if (frame.kind === 'sequence') {
      const path = [...frame.path, frame.index++];
      positions.set(pathKey(path), offset);
      return path;
    }
    if (frame.key === undefined) return undefined; // this node is a key
    const path = [...frame.path, frame.key];
    positions.set(pathKey(path), frame.keyOffset ?? offset);
    frame.key = undefined;
    return path;
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const path = place(event.start) ?? [...(stack.at(-1)?.path ?? []), '<complex key>'];
        stack.push({ kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', path, index: 0 });
        break;
      }
      case EVENT_ID.SCALAR: {
        const frame = stack.at(-1);
        if (frame?.kind === 'mapping' && frame.key === undefined) {
          frame.key = keyText(text, event);
          frame.keyOffset = event.valueStart;
        } else {
          place(event.valueStart);
        }
        break;
      }
      case EVENT_ID.ALIAS:
        place(event.anchorStart - 1);
        break;
      case EVENT_ID.POP:
        stack.pop();
        break;
    }
  }
}

/** A key as the loaded mapping spells it: a plain `on` is the boolean true, so the key is "true". */
function keyText(text: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): string {
  const source = getScalarValue(text, event);
  if (event.style !== SCALAR_STYLE.PLAIN || event.tagStart !== -1) return source;
  try {
    return String(PYYAML_SAFE_SCHEMA.resolveImplicitScalarTag(source).value);
  } catch {
    return source;
  }
}
