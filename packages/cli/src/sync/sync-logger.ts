/**
 * The log lines of a sync on stderr: the connector's LOG messages and the runner's notices.
 * WARN, ERROR and FATAL always; INFO and the rest only with --verbose, DEBUG also with
 * TRIBUTARY_DEBUG. The same warning often comes from discover, from read and from the runner
 * itself: it is shown once. While the progress view runs, lines go through it, so that it is not
 * broken.
 */
import type { ProgressView } from '../progress/progress-view.js';

const ALWAYS_SHOWN = new Set(['WARN', 'ERROR', 'FATAL']);

export class SyncLogger {
  private readonly warned = new Set<string>();
  private view: ProgressView | undefined;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly verbose: boolean,
  ) {}

  /** Shows lines through `view` while it runs; undefined once it stopped. */
  showThrough(view: ProgressView | undefined): void {
    this.view = view;
  }

  readonly log = (level: string, message: string): void => {
    const upper = level.toUpperCase();
    if (upper === 'WARN') {
      if (this.warned.has(message)) return;
      this.warned.add(message);
    }
    if (!this.verbose && !ALWAYS_SHOWN.has(upper) && !(upper === 'DEBUG' && process.env.TRIBUTARY_DEBUG)) return;
    const line = `${upper === 'INFO' ? '' : `${upper.toLowerCase()}: `}${message}`;
    if (this.view) this.view.log(line);
    else this.stderr.write(`${line}\n`);
  };
}
