/**
 * The Node.js options a connector process should run with (the images `tributary build` makes
 * set them as NODE_OPTIONS). V8 grows its young generation whenever objects keep surviving
 * collections, up to 2 × 16 MB semi-spaces on 64-bit Node 20; a record stream always has a few
 * in flight, so a long read ends up there, a few million records in: peak RSS then grows by
 * 20–30 MB between a 1,000,000- and a 10,000,000-record read. Capping the semi-spaces at 8 MB
 * keeps the peak the same at any length (measured in BENCHMARKS.md) without costing throughput:
 * what a streaming read allocates dies young either way.
 */
export const CONNECTOR_NODE_OPTIONS = '--max-semi-space-size=8';
