#!/usr/bin/env node
// An HTTP source for the concurrency benchmark: one stream, `slices` partitions, each read page by
// page through a cursor in the body. Full refresh without state, so the CDK may read its slices
// concurrently; `_concurrency` in the config sets how many.
import { CursorPaginator, HttpStream, launch, Source } from '@tributary/cdk';

class Items extends HttpStream {
  primaryKey = [['slice'], ['page'], ['n']];
  recordsPath = 'records';
  paginator = new CursorPaginator({ cursorPath: 'next', cursorParam: 'page' });
  retryPolicy = { backoff: { baseMs: 100 } };

  constructor(config) {
    super();
    this.config = config;
  }

  get urlBase() {
    return this.config.base_url;
  }

  *streamSlices() {
    for (let slice = 0; slice < this.config.slices; slice++) yield { slice };
  }

  path(options) {
    return `slices/${options.slice.slice}`;
  }

  requestParams() {
    return { pages: this.config.pages };
  }
}

class BenchHttpSource extends Source {
  streams(config) {
    return [new Items(config)];
  }
}

await launch(new BenchHttpSource());
