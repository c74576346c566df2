/**
 * Lines of a connector's output that are not Airbyte messages: plain text, JSON cut short (a
 * connector killed mid-write), JSON that is not a message. The Airbyte platform logs such lines
 * and goes on, and so does the runner, but it counts them and names the first few in the
 * summary and in `_tributary_syncs.skipped_lines`, so that a lost record does not go unnoticed.
 */

export type SkippedLineKind = 'invalid JSON' | 'not JSON' | 'not a message';

/** Line numbers kept per kind, for the summary. */
const EXAMPLES = 5;

export class SkippedLines {
  count = 0;
  private readonly examples = new Map<SkippedLineKind, { count: number; lines: number[] }>();

  add(line: number, kind: SkippedLineKind): void {
    this.count++;
    let entry = this.examples.get(kind);
    if (entry === undefined) {
      entry = { count: 0, lines: [] };
      this.examples.set(kind, entry);
    }
    entry.count++;
    if (entry.lines.length < EXAMPLES) entry.lines.push(line);
  }

  /** `3 lines of the connector's output were not Airbyte messages ...`, or undefined when there were none. */
  describe(): string | undefined {
    if (this.count === 0) return undefined;
    const parts = [...this.examples].map(([kind, { count, lines }]) => {
      const shown = `${lines.join(', ')}${count > lines.length ? ', …' : ''}`;
      return `${count} ${kind} (line${count === 1 ? '' : 's'} ${shown})`;
    });
    const lines = this.count === 1 ? '1 line' : `${this.count} lines`;
    return `${lines} of the connector's output ${this.count === 1 ? 'was not an Airbyte message' : 'were not Airbyte messages'} and ${this.count === 1 ? 'was' : 'were'} skipped: ${parts.join('; ')}; --verbose shows them`;
  }
}
