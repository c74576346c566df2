// The benchmark connector written against faros-airbyte-cdk: the same stream, spec and schema as
// bench/tributary-source. CommonJS, because faros-airbyte-cdk is; `require` finds the package
// installed in .bench/faros/node_modules through NODE_PATH (set by the harness).
const { AirbyteSourceBase, AirbyteSpec, AirbyteStreamBase } = require('faros-airbyte-cdk');
const { join } = require('node:path');

const sharedDir = join(__dirname, '..', '..', 'tributary-source');

class BenchRecords extends AirbyteStreamBase {
  constructor(logger, count, makeRecord) {
    super(logger);
    this.count = count;
    this.makeRecord = makeRecord;
  }

  get name() {
    return 'bench_records';
  }

  get primaryKey() {
    return 'id';
  }

  getJsonSchema() {
    return require(join(sharedDir, 'schemas', 'bench_records.json'));
  }

  async *readRecords() {
    const { count, makeRecord } = this;
    for (let i = 0; i < count; i++) yield makeRecord(i);
  }
}

class BenchSource extends AirbyteSourceBase {
  constructor(logger, makeRecord) {
    super(logger);
    this.makeRecord = makeRecord;
  }

  get type() {
    return 'bench';
  }

  async spec() {
    return new AirbyteSpec(require(join(sharedDir, 'spec.json')));
  }

  async checkConnection() {
    return [true, undefined];
  }

  streams(config) {
    return [new BenchRecords(this.logger, config.count, this.makeRecord)];
  }
}

module.exports = { BenchSource };
