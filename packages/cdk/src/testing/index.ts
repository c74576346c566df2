/**
 * `@tributary/cdk/testing`: test a connector in-process, without credentials. Runners for every
 * command, catalog and state builders, HTTP mocks and recorded fixtures, the acceptance suite,
 * schema inference and record types from schemas.
 */
export { CatalogBuilder, configuredCatalog, type StreamConfiguration, type StreamSelection } from './catalog-builder.js';
export { CollectingSink } from './collecting-sink.js';
export {
  compileValidator,
  draft07Problems,
  findRefs,
  type SchemaValidator,
} from './json-schema-tools.js';
export { AIRBYTE_MESSAGE_SCHEMA, protocolProblems, protocolProblemsOf } from './protocol-schema.js';
export { CheckResult, CommandResult, DiscoverResult, ReadResult, SpecResult, streamKey } from './results.js';
export {
  type ConfigInput,
  check,
  discover,
  type InternalConfigKeys,
  type ReadInput,
  type RunOptions,
  read,
  spec,
  type TestConfig,
} from './runners.js';
export { StateBuilder, streamState } from './state-builder.js';
