/**
 * What a running sync shows. On a terminal, a live view redrawn a few times a second: one line
 * per stream with its phase, records, records/s, approximate bytes, elapsed time and last
 * committed state. In a pipe or CI, plain lines: one when a stream starts or ends, and one per
 * running stream every `intervalMs`. Both only read counters the destination keeps anyway, on a
 * timer, so the sync itself does no extra work for them.
 */

import { bytes, clip, int, seconds } from './format.js';
import type { StreamStats } from './stats.js';

export type ProgressMode = 'tty' | 'plain' | 'none';

export interface ProgressOptions {
  mode: ProgressMode;
  out: NodeJS.WritableStream & { columns?: number };
  /** Plain mode: how often running streams are reported. */
  intervalMs: number;
}

const TTY_REFRESH_MS = 200;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

interface Sample {
  at: number;
  records: number;
  rate: number;
}

export class ProgressView {
  private timer: NodeJS.Timeout | undefined;
  private readonly started = performance.now();
  private drawnLines = 0;
  private frame = 0;
  private lastPlainReport = performance.now();
  private readonly seenPhase = new Map<string, string>();
  private readonly samples = new Map<string, Sample>();

  constructor(
    private readonly stats: () => StreamStats[],
    private readonly options: ProgressOptions,
  ) {}

  start(): void {
    if (this.options.mode === 'none') return;
    const every = this.options.mode === 'tty' ? TTY_REFRESH_MS : Math.min(250, this.options.intervalMs);
    this.timer = setInterval(() => this.tick(), every);
    this.timer.unref();
    this.tick();
  }

  /** Prints a line (a log message) without breaking the live view. */
  log(line: string): void {
    if (this.options.mode === 'tty') {
      this.erase();
      this.options.out.write(`${line}\n`);
      this.draw();
    } else {
      this.options.out.write(`${line}\n`);
    }
  }

  /** Stops refreshing; the live view is removed (the summary replaces it). */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.options.mode === 'tty') this.erase();
    else if (this.options.mode === 'plain') this.reportTransitions();
  }

  private tick(): void {
    if (this.options.mode === 'tty') {
      this.erase();
      this.draw();
      return;
    }
    this.reportTransitions();
    const now = performance.now();
    if (now - this.lastPlainReport >= this.options.intervalMs) {
      this.lastPlainReport = now;
      for (const s of this.stats()) if (s.phase === 'running') this.options.out.write(`${this.plainLine(s)}\n`);
    }
  }

  /** Plain mode: a line whenever a stream starts or ends. */
  private reportTransitions(): void {
    for (const s of this.stats()) {
      const before = this.seenPhase.get(s.label) ?? 'waiting';
      if (before === s.phase) continue;
      this.seenPhase.set(s.label, s.phase);
      const prefix = `[tributary ${seconds(performance.now() - this.started)}] ${s.label}`;
      if (s.phase === 'running') this.options.out.write(`${prefix}: started (${s.mode})\n`);
      else if (s.phase === 'complete' || s.phase === 'incomplete' || s.phase === 'failed') {
        const took = s.startedAt !== undefined && s.endedAt !== undefined ? ` in ${seconds(s.endedAt - s.startedAt)}` : '';
        this.options.out.write(`${prefix}: ${s.phase}, ${int(s.records)} records${took}\n`);
      }
    }
  }

  private plainLine(s: StreamStats): string {
    const elapsed = performance.now() - (s.startedAt ?? this.started);
    const parts = [
      `${int(s.records)} records (${int(this.rate(s))}/s)`,
      `~${bytes(s.records * s.bytesPerRecord)}`,
      `${int(s.written)} committed`,
      `running ${seconds(elapsed)}`,
    ];
    if (s.committedState !== undefined) parts.push(`state ${JSON.stringify(s.committedState)}`);
    return clip(`[tributary ${seconds(performance.now() - this.started)}] ${s.label}: ${parts.join(', ')}`, 400);
  }

  /** Records per second over the last second or so (the whole run at first). */
  private rate(s: StreamStats): number {
    const now = performance.now();
    const previous = this.samples.get(s.label);
    if (previous === undefined) {
      const since = s.startedAt ?? this.started;
      const rate = now > since ? (s.records * 1000) / (now - since) : 0;
      this.samples.set(s.label, { at: now, records: s.records, rate });
      return rate;
    }
    if (now - previous.at < 900) return previous.rate;
    const rate = ((s.records - previous.records) * 1000) / (now - previous.at);
    this.samples.set(s.label, { at: now, records: s.records, rate });
    return rate;
  }

  private draw(): void {
    const width = Math.max(40, (this.options.out.columns ?? 120) - 1);
    const stats = this.stats();
    const nameWidth = Math.max(6, ...stats.map((s) => s.label.length));
    const lines: string[] = [];
    const spin = SPINNER[this.frame++ % SPINNER.length] as string;
    for (const s of stats) {
      const mark =
        s.phase === 'running' ? spin : s.phase === 'complete' ? '✓' : s.phase === 'incomplete' || s.phase === 'failed' ? '✗' : '·';
      const end = s.endedAt ?? performance.now();
      const elapsed = s.startedAt === undefined ? '' : seconds(end - s.startedAt);
      const rate = s.phase === 'running' ? `${int(this.rate(s))} rec/s` : '';
      const estimate = s.estimate ? ` / ${int(s.estimate)}` : '';
      const state = s.committedState === undefined ? '' : `state ${JSON.stringify(s.committedState)}`;
      const cells = [
        `${mark} ${s.label.padEnd(nameWidth)}`,
        s.phase.padEnd(10),
        `${int(s.records)}${estimate} rec`.padStart(14),
        rate.padStart(14),
        `~${bytes(s.records * s.bytesPerRecord)}`.padStart(10),
        elapsed.padStart(9),
        `${int(s.written)} committed`.padStart(18),
        state,
      ];
      lines.push(clip(cells.join('  ').trimEnd(), width));
    }
    const total = stats.reduce((sum, s) => sum + s.records, 0);
    const elapsed = performance.now() - this.started;
    lines.push(clip(`  ${int(total)} records in ${seconds(elapsed)} (${int((total * 1000) / Math.max(1, elapsed))} rec/s overall)`, width));
    this.options.out.write(`${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }

  private erase(): void {
    if (this.drawnLines === 0) return;
    this.options.out.write(`\x1b[${this.drawnLines}A\x1b[J`);
    this.drawnLines = 0;
  }
}
