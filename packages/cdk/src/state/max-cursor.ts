import { ConnectorError } from '../errors/connector-error.js';
import { valueAtKeyPath } from '../json/key-path.js';
import { ownValue } from '../json/own-property.js';
import type { StreamState } from '../state/stream-state.js';

/** A cursor value: an ISO-8601 date-time string, another string, or a number. */
export type CursorValue = string | number;

/**
 * The common incremental state: the greatest value of one cursor field seen so far, kept as
 * `{ "<field>": value }` (the Python CDK's shape). Numbers compare numerically; strings that are
 * both date-times compare as instants (so `...Z` and `...+00:00` agree); other strings compare
 * as text. Use it behind a `state` accessor:
 *
 * ```ts
 * private readonly cursor = new MaxCursor('updated_at');
 * get state() { return this.cursor.state; }
 * set state(value) { this.cursor.state = value; }
 * *readRecords() { for (const r of rowsAfter(this.cursor.value)) { this.cursor.observe(r); yield r; } }
 * ```
 */
export class MaxCursor {
  readonly path: readonly string[];
  private readonly key: string;
  private current: CursorValue | undefined;
  /** The current value came from the state and was not yet compared with a record's. */
  private unverified = false;

  constructor(field: string | readonly string[], start?: CursorValue) {
    this.path = typeof field === 'string' ? [field] : [...field];
    if (this.path.length === 0) throw new TypeError('MaxCursor needs a cursor field');
    this.key = this.path.join('.');
    this.current = start;
  }

  /** The greatest cursor value seen (or loaded from state); undefined on a first sync. */
  get value(): CursorValue | undefined {
    return this.current;
  }

  /**
   * Takes a record's cursor value into account; records without one are ignored. Throws a
   * `config_error` when the value loaded from the state is not of the records' kind (a state
   * `"not a date"` against date-time records): comparing them would re-read everything and keep
   * the bad value forever.
   */
  observe(record: object): void {
    const value = valueAtKeyPath(record, this.path);
    if (typeof value !== 'string' && typeof value !== 'number') return;
    if (this.unverified) this.verify(value);
    if (this.current === undefined || isAfter(value, this.current)) this.current = value;
  }

  /** True when the record's cursor is strictly after `value` (records to read in an incremental sync). */
  isNewer(record: object): boolean {
    if (this.current === undefined) return true;
    const value = valueAtKeyPath(record, this.path);
    if (typeof value !== 'string' && typeof value !== 'number') return false;
    if (this.unverified) this.verify(value);
    return compareCursorValues(value, this.current) > 0;
  }

  get state(): StreamState {
    return this.current === undefined ? {} : { [this.key]: this.current };
  }

  /** Loads `{ "<field>": value }`; a value that is neither a string nor a number (nor null) is a `config_error`. */
  set state(state: StreamState | undefined) {
    const value = state === undefined || state === null ? undefined : ownValue(state, this.key);
    if (value === undefined || value === null) {
      this.current = undefined;
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new InvalidCursorStateError(
        `The state's cursor '${this.key}' is ${describeValue(value)}, not a date-time, string or number; correct it, or remove the stream's state to read everything again`,
      );
    }
    if (value === this.current) return;
    this.current = value;
    this.unverified = true;
  }

  /** A `getUpdatedState` implementation keeping the greatest value of `field`. */
  static updater(field: string | readonly string[]): (current: StreamState, latest: object) => StreamState {
    const cursor = new MaxCursor(field);
    return (current, latest) => {
      cursor.state = current;
      cursor.observe(latest);
      return cursor.state;
    };
  }

  /** Once per value from the state: records with date-times (or numbers) need a state value of the same kind. */
  private verify(recordValue: CursorValue): void {
    this.unverified = false;
    const current = this.current;
    if (current === undefined) return;
    const recordKind = cursorKind(recordValue);
    const stateKind = cursorKind(current);
    if (recordKind === 'text' || recordKind === stateKind) return;
    const expected = recordKind === 'date-time' ? 'a date-time' : 'a number';
    throw new InvalidCursorStateError(
      `The state's cursor '${this.key}' is ${JSON.stringify(current)}, which is not ${expected} like the records' values (${JSON.stringify(recordValue)}); correct it, or remove the stream's state to read everything again`,
    );
  }
}

/**
 * A cursor value from the input state that cannot be compared with the records' values. The
 * read names the stream it belongs to (`forStream`).
 */
export class InvalidCursorStateError extends ConnectorError {
  constructor(message: string) {
    super(message, { failureType: 'config_error' });
  }

  forStream(name: string): ConnectorError {
    return ConnectorError.config(`Stream '${name}': ${this.message}`, { cause: this });
  }
}

type CursorKind = 'date-time' | 'number' | 'text';

function cursorKind(value: CursorValue): CursorKind {
  if (typeof value === 'number') return 'number';
  if (dateTimeMs(value) !== undefined) return 'date-time';
  return value.trim() !== '' && Number.isFinite(Number(value)) ? 'number' : 'text';
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? typeof value;
}

/**
 * `observe` runs once per record: two UTC ISO-8601 strings of the same shape (four-digit year,
 * `T` at index 10, same length, ending in `Z`) are in time order as text, so they are compared
 * without parsing; anything else goes through `compareCursorValues`.
 */
function isAfter(a: CursorValue, b: CursorValue): boolean {
  if (
    typeof a === 'string' &&
    typeof b === 'string' &&
    a.length === b.length &&
    a.length >= 20 &&
    a.charCodeAt(10) === 84 &&
    b.charCodeAt(10) === 84 &&
    a.charCodeAt(a.length - 1) === 90 &&
    b.charCodeAt(b.length - 1) === 90 &&
    isDigit(a.charCodeAt(0)) &&
    isDigit(b.charCodeAt(0))
  ) {
    return a > b;
  }
  return compareCursorValues(a, b) > 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Orders two cursor values: negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareCursorValues(a: CursorValue, b: CursorValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const ta = dateTimeMs(a);
    const tb = dateTimeMs(b);
    if (ta !== undefined && tb !== undefined && ta !== tb) return ta - tb;
    if (ta !== undefined && tb !== undefined) return 0;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return Number(a) - Number(b) || String(a).localeCompare(String(b));
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function dateTimeMs(value: string): number | undefined {
  if (!DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
