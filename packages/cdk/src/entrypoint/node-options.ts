/**
 * The Node.js options a connector process should run with (the images `tributary build` makes
 * set them as NODE_OPTIONS), so that its peak memory is the same whether it reads a million
 * records or a hundred million. Measured with Node 20's defaults (BENCHMARKS.md, "Memory over
 * long reads"), a read's peak RSS grows 15–20% from 1,000,000 to 10,000,000 records, for two
 * reasons, neither of them a leak:
 * - V8 grows the young generation whenever objects keep surviving collections, up to 2 × 16 MB
 *   semi-spaces; a record stream always has a few in flight, so a long read ends up there.
 *   `--max-semi-space-size=8` caps it: what a streaming read allocates dies young either way.
 * - A steady trickle of short-lived objects gets promoted (about 100 KB per young collection,
 *   the same in plain Node code that stringifies records, largely V8's number-to-string cache),
 *   and with V8's default heap growing factor (up to 4×) the old generation first collects it
 *   tens of MB later, after a million or two records. `--heap-growing-percent=50` collects
 *   sooner; the live heap of a read is small, so those collections are short.
 */
export const CONNECTOR_NODE_OPTIONS = '--max-semi-space-size=8 --heap-growing-percent=50';
