import { acceptanceTests } from '@tributary/cdk/testing';
import { AcmeSource } from '../src/index.js';

// The conformance suite: spec, check, discover, read, full refresh and incremental behaviour.
acceptanceTests(() => new AcmeSource(), {
  name: 'source-acme',
  config: { api_key: 'test-key', count: 120 },
  invalidConfig: { count: 5 },
});
