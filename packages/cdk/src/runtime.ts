/**
 * `@tributary/cdk/runtime`: what runners and tools build on, beside the connector API of
 * `@tributary/cdk`. Running a source in-process (`invoke` into a `MessageSink`), settings that
 * hold for the whole process (the default HTTP dispatcher, requests in flight per host), the
 * process-wide secret masker and the helpers the `tributary` runner masks with, a read's
 * observer and preview limits (slices and pages as they are read), a config's problems field by
 * field, the safe description of a JSON syntax error, and the Node options connector images
 * run with.
 *
 * @module @tributary/cdk/runtime
 */
export { maskConfigSecrets } from './config/config-secrets.js';
export { type SecretField, secretFields } from './config/secret-paths.js';
export { type ConfigProblem, configProblems } from './entrypoint/config-problems.js';
export { type InvokeOptions, type InvokeRequest, invoke } from './entrypoint/invoke.js';
export { CONNECTOR_NODE_OPTIONS } from './entrypoint/node-options.js';
export { maskStream } from './entrypoint/process-output.js';
export { describeFileError } from './errors/file-error.js';
export { describeJsonSyntaxError } from './errors/json-syntax-error.js';
export { setDefaultDispatcher } from './http/dispatcher.js';
export { DEFAULT_HOST_CONCURRENCY, HostLimiter, hostLimiter, setHostConcurrency } from './http/host-limiter.js';
export { redactUrl } from './http/redact-url.js';
export type { MessageSink, RecordWriter } from './output/message-sink.js';
export { isTooShortToMask, MIN_SECRET_LENGTH, SECRET_MASK, SecretMasker, secretMasker } from './output/secret-masker.js';
export type {
  PageEvent,
  ReadLimits,
  ReadObserver,
  SliceEndEvent,
  SliceEvent,
  SliceOutcome,
} from './sources/read/read-observer.js';
