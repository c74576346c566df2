/**
 * How a connector process's memory is kept the same whether it reads a million records or a
 * hundred million. Measured with Node 20's defaults (BENCHMARKS.md, "Memory over long reads"), a
 * read's peak RSS grows 15–20% from 1,000,000 to 10,000,000 records, for two reasons, neither of
 * them a leak:
 * - V8 grows the young generation whenever objects keep surviving collections, up to 2 × 16 MB
 *   semi-spaces; a record stream always has a few in flight, so a long read ends up there.
 *   `--max-semi-space-size=8` caps it: what a streaming read allocates dies young either way.
 *   V8 reads it only when the heap is set up, so it is a command-line or NODE_OPTIONS option:
 *   CONNECTOR_NODE_OPTIONS, which the images `tributary build` makes set as NODE_OPTIONS.
 * - A steady trickle of short-lived objects gets promoted (about 100 KB per young collection, the
 *   same in plain Node code that stringifies records, largely V8's number-to-string cache), and
 *   with V8's default heap growing factor (up to 4×) the old generation first collects it tens
 *   of MB later, after a million or two records. A growing factor of 1.5 collects sooner; a
 *   read's live heap is small, so those collections are short. V8 reads this one at every
 *   collection, but Node does not accept it in NODE_OPTIONS, so `launch()` sets it at start-up
 *   (`tuneHeapForStreaming`).
 */
import { setFlagsFromString } from 'node:v8';

/** Node.js options for connector processes (allowed in NODE_OPTIONS). */
export const CONNECTOR_NODE_OPTIONS = '--max-semi-space-size=8';

/** Sets V8's heap growing factor to 1.5 for this process (see above). */
export function tuneHeapForStreaming(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
