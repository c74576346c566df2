#!/usr/bin/env node
// Case i's reference: the stream of manifest.yaml written by hand as an HttpStream, reading the
// same API the same way (cursor pages of 1,000), dropping archived records and adding the same
// `tag` field, so both emit identical records.
import { CursorPaginator, HttpStream, launch, Source } from '@tributary/cdk';

class Records extends HttpStream {
  name = 'records';
  primaryKey = 'id';
  pageSize = 1000;
  paginator = new CursorPaginator({ cursorPath: 'next', cursorParam: 'cursor', pageSizeParam: 'limit' });

  constructor(config) {
    super();
    this.config = config;
    this.label = config.label ?? 'bench';
  }

  get urlBase() {
    return this.config.base_url;
  }

  path() {
    return 'records';
  }

  async parseResponse(response) {
    const body = await response.json();
    const records = [];
    for (const record of body.data) {
      if (record.kind === 'archived') continue;
      record.tag = `${this.label}-${record.id}`;
      records.push(record);
    }
    return records;
  }

  getJsonSchema() {
    return { type: 'object', properties: {} };
  }
}

class HandWrittenSource extends Source {
  spec() {
    return {
      connectionSpecification: {
        type: 'object',
        required: ['base_url'],
        properties: { base_url: { type: 'string' }, label: { type: 'string' } },
      },
    };
  }

  streams(config) {
    return [new Records(config)];
  }
}

await launch(new HandWrittenSource());
