import type { AirbyteState, Source } from '../../index.js';
import type { TestConfig } from '../runners.js';

export type Awaitable<T> = T | Promise<T>;

/** The connector under test: a source, or a function that makes a fresh one for every run. */
export type ConnectorUnderTest<Config> = Source<Config> | (() => Awaitable<Source<Config>>);

/** The names of the acceptance checks, for `skip`. */
export const CHECK_IDS = [
  'spec',
  'spec-schema',
  'spec-secrets',
  'check',
  'check-invalid',
  'discover',
  'discover-schemas',
  'discover-keys',
  'read',
  'read-records',
  'read-non-empty',
  'read-primary-keys',
  'read-statuses',
  'read-states',
  'full-refresh-idempotent',
  'incremental-no-older',
  'incremental-resume',
  'protocol',
] as const;

/** The identifier of one acceptance check, used to skip it with a reason. */
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * What the acceptance suite needs to exercise a connector: a config that works, and what to expect
 * of it.
 */
export interface AcceptanceOptions<Config> {
  /** A valid config (or a function returning one, called once, after `before`); the CDK's `_limit` and such are allowed. */
  config: TestConfig<Config> | (() => Awaitable<TestConfig<Config>>);
  /** A config `check` must answer FAILED (with exit code 0); the check is skipped without one. */
  invalidConfig?: Record<string, unknown> | (() => Awaitable<Record<string, unknown>>);
  /** The input state the incremental reads start from (default: none, a first sync). */
  state?: readonly AirbyteState[];
  /** The streams to read (default: every discovered stream). */
  streams?: readonly string[];
  /** Streams allowed to have no records. */
  emptyStreams?: readonly string[];
  /** Per stream, fields (`a.b` for nested ones) that may differ between two reads, left out when records are compared. */
  ignoredFields?: Record<string, readonly string[]>;
  /** Checks to skip, each with the reason shown in the report. */
  skip?: Partial<Record<CheckId, string>>;
  /** Validate string `format`s (`date-time`, `email`…) of records (default true). */
  validateFormats?: boolean;
  /** Runs before the first check (start a server, a fixture…). */
  before?: () => Awaitable<void>;
  /** Runs after the last check, also when checks failed. */
  after?: () => Awaitable<void>;
  /** The name of the suite (default: the source's class name). */
  name?: string;
  /** A time limit per check, in ms (default 120 000). */
  timeoutMs?: number;
}

/** A check's outcome when it did not fail. */
export type CheckOutcome = undefined | { skip: string };

/** One acceptance check. */
export interface AcceptanceCheck {
  id: CheckId;
  /** What it verifies, as the test name: `spec: connectionSpecification is valid draft-07 JSON Schema`. */
  title: string;
  /** Resolves when the check passes (or to `{ skip }`), throws an Error explaining the failure. */
  run(): Promise<CheckOutcome>;
}
