import type { StreamRead } from './stream-read.js';

/**
 * Runs the slices of several stream reads with at most `concurrency` slices in flight. Streams
 * are served in catalog order: a slot goes to the first stream that may take another slice, so
 * with a concurrency of 1 the read is strictly sequential (each stream to its end before the
 * next starts). Each stream finishes (final state, COMPLETE or INCOMPLETE) as soon as its last
 * slice is done, while the others go on. Memory stays bounded: every slice writes through the
 * one writer and waits whenever stdout is full, so a slow reader slows all producers.
 */
export async function runStreamReads(reads: readonly StreamRead[], concurrency: number, shouldStop: () => boolean): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const finishDone = () => {
    for (const read of reads) if (read.isDone) read.finish();
  };
  for (;;) {
    while (inFlight.size < concurrency && !shouldStop()) {
      const read = reads.find((candidate) => candidate.canTakeSlice && !groupBusy(reads, candidate));
      if (read === undefined) break;
      const task = await read.takeSlice();
      if (task === undefined) {
        finishDone();
        continue;
      }
      const running: Promise<void> = read.readSlice(task).finally(() => {
        inFlight.delete(running);
        finishDone();
      });
      inFlight.add(running);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  finishDone();
}

/** True while another stream of the candidate's group has a slice in flight (or is fetching one). */
function groupBusy(reads: readonly StreamRead[], candidate: StreamRead): boolean {
  if (candidate.group === undefined) return false;
  return reads.some((other) => other !== candidate && other.group === candidate.group && other.isBusy);
}
