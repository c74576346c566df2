// A one-stream connector of wide records, for measuring how `tributary sync` commits them
// (BENCHMARKS.md, issue 19's notes): each record carries a string and an object of about
// `kb` / 2 KB each. Usage: node packages/cli/dist/main.js sync bench/wide-source
//   --config <file with {"count": 3000, "kb": 100}> --to duckdb:<file> --progress none
import { Source, Stream } from '@tributary/cdk';

class Documents extends Stream {
  primaryKey = 'id';

  constructor(config) {
    super();
    this.config = config;
  }

  getJsonSchema() {
    return { type: 'object', properties: { id: { type: 'integer' }, body: { type: 'string' }, meta: { type: 'object' } } };
  }

  *readRecords() {
    const pad = 'x'.repeat((this.config.kb * 1000) / 2);
    for (let id = 1; id <= this.config.count; id++) yield { id, body: `${id}${pad}`, meta: { id, text: `${pad}${id}` } };
  }
}

export class WideSource extends Source {
  checkConnection() {}

  streams(config) {
    return [new Documents(config)];
  }
}
