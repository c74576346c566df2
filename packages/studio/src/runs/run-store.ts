/** The latest test reads (their views and the whole text of their cut bodies), for replays, the next sync and "show all". */
import type { ReadRunView } from '../api/types.js';

const KEPT_RUNS = 8;

interface StoredRun {
  view: ReadRunView;
  bodies: Record<string, string>;
}

export class RunStore {
  private readonly runs = new Map<string, StoredRun>();
  private next = 0;

  newId(): string {
    return `r${++this.next}`;
  }

  add(view: ReadRunView, bodies: Record<string, string>): void {
    this.runs.set(view.id, { view, bodies });
    for (const id of this.runs.keys()) {
      if (this.runs.size <= KEPT_RUNS) break;
      this.runs.delete(id);
    }
  }

  get(id: string): ReadRunView | undefined {
    return this.runs.get(id)?.view;
  }

  latest(): ReadRunView | undefined {
    return [...this.runs.values()].at(-1)?.view;
  }

  body(run: string, body: string): string | undefined {
    const bodies = this.runs.get(run)?.bodies;
    return bodies !== undefined && Object.hasOwn(bodies, body) ? bodies[body] : undefined;
  }
}
