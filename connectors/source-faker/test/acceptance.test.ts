/**
 * The acceptance suite of `@tributary/cdk/testing` against the faker connector, through the
 * built package (`@tributary/cdk/testing` is the test kit bundle, sharing the CDK bundle with the
 * connector): spec, check, discover, full refresh and incremental conformance.
 */
import { acceptanceTests } from '@tributary/cdk/testing';
import { FakerSource } from '../src/index.js';

acceptanceTests(() => new FakerSource(), {
  name: 'source-faker',
  // Enough purchases for several slices and checkpoints, so resuming from a mid-sync state is exercised.
  config: { count: 600, records_per_slice: 100 },
  invalidConfig: { count: 'many' },
});

// The same connector read one slice at a time (`_concurrency: 1`): a checkpoint after every slice.
acceptanceTests(() => new FakerSource(), {
  name: 'source-faker, one slice at a time',
  config: { count: 400, records_per_slice: 50, _concurrency: 1 },
  invalidConfig: { records_per_slice: 0 },
});
