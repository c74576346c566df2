/**
 * `@tributary/cdk/testing`: test a connector in-process, without credentials. Runners for every
 * command, catalog and state builders, HTTP mocks and recorded fixtures, the acceptance suite,
 * schema inference and record types from schemas.
 *
 * @module @tributary/cdk/testing
 */

export {
  type AcceptanceCheck,
  type AcceptanceOptions,
  CHECK_IDS,
  type CheckId,
  type CheckOutcome,
  type ConnectorUnderTest,
} from './acceptance/options.js';
export {
  type AcceptanceTestOptions,
  acceptanceTests,
  nodeTestFramework,
  type TestContextLike,
  type TestFramework,
} from './acceptance/register.js';
export {
  type AcceptanceReport,
  acceptanceChecks,
  type CheckReport,
  type CheckStatus,
  formatReport,
  runAcceptance,
} from './acceptance/suite.js';
export { CatalogBuilder, configuredCatalog, type StreamConfiguration, type StreamSelection } from './catalog-builder.js';
export { CollectingSink } from './collecting-sink.js';
export {
  type FixtureFile,
  type FixtureMode,
  HttpFixture,
  type HttpFixtureOptions,
  type Interaction,
  useHttpFixture,
} from './http-fixture.js';
export {
  Expectation,
  type ExpectedRequest,
  HttpMock,
  type HttpMockOptions,
  type MockResponse,
  mockHttp,
  type QueryMatcher,
} from './http-mock.js';
export { HttpRecorder, recordHttp } from './http-recorder.js';
export type { SeenRequest } from './http-request.js';
export { type InferSchemaOptions, inferSchema } from './infer-schema.js';
export {
  compileValidator,
  draft07Problems,
  findRefs,
  type SchemaValidator,
} from './json-schema-tools.js';
export { type LoadedConnector, loadConnector } from './load-connector.js';
export { AIRBYTE_MESSAGE_SCHEMA, protocolProblems, protocolProblemsOf } from './protocol-schema.js';
export type { Exchange, RecordedResponse } from './recording-dispatcher.js';
export { redactHeaders } from './redaction.js';
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
