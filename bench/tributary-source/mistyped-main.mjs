#!/usr/bin/env node
// The benchmark connector with its numbers and booleans turned into strings: what the harness
// reads (with "normalize": true) to find out whether the CDK's schema normalisation is active.
// Normalised, the output is exactly the benchmark records again.
import { launch } from '@tributary/cdk';
import { BenchRecords } from './bench-records.mjs';
import { BenchSource } from './source.mjs';

class MistypedRecords extends BenchRecords {
  *readRecords() {
    for (const record of super.readRecords()) {
      yield {
        ...record,
        id: String(record.id),
        priority: String(record.priority),
        score: String(record.score),
        is_active: String(record.is_active),
      };
    }
  }
}

class MistypedSource extends BenchSource {
  streams(config) {
    return [new MistypedRecords(config)];
  }
}

await launch(new MistypedSource());
