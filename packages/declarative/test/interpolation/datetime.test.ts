// Datetimes: the CDK's macros (now_utc, today_utc, today_with_timezone, timestamp, str_to_datetime,
// day_delta, duration, format_datetime) and DatetimeParser formats, strftime/strptime vectors,
// isodate durations, and timezone-aware arithmetic. Python vectors for strftime, strptime and
// isoparse are in vectors/datetime-and-literals.json; these cover what those do not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FixedTz, PYTZ_UTC, type PyTzInfo, TZUTC, UTC } from '../../src/interpolation/datetime/timezone.js';
import { fixedClock, PyDate, PyDateTime, PyDuration, PyTimeDelta, pythonRepr, pythonStr } from '../../src/interpolation/index.js';
import { assertRaises, assertRepr, context } from './helpers.js';

const ctx = context('{"config": {"start": "2024-01-01T00:00:00Z", "day": "2024-01-01", "month_end": "2024-03-31T10:00:00Z"}}');

describe('CDK datetime macros', () => {
  test('now_utc and today_utc read the injected clock', () => {
    assertRepr('{{ now_utc() }}', "'2024-06-15 12:34:56.789012+00:00'", ctx);
    assertRepr('{{ today_utc() }}', "'2024-06-15'", ctx);
    assertRepr("{{ now_utc().strftime('%Y-%m-%dT%H:%M:%S.%f%z') }}", "'2024-06-15T12:34:56.789012+0000'", ctx);
    assertRepr('{{ now_utc() }}', "'1999-12-31 23:59:59.999999+00:00'", ctx, { clock: fixedClock('1999-12-31T23:59:59.999999Z') });
  });

  test('today_with_timezone uses the IANA zone', () => {
    assertRepr("{{ today_with_timezone('Pacific/Tarawa') }}", "'2024-06-16'", ctx);
    assertRepr("{{ today_with_timezone('America/Los_Angeles') }}", "'2024-06-15'", ctx);
    assertRepr("{{ today_with_timezone('Pacific/Pago_Pago') }}", "'2024-06-15'", ctx, { clock: fixedClock('2024-06-16T05:00:00Z') });
    assertRepr("{{ today_with_timezone('UTC') }}", "'2024-06-15'", ctx);
    assertRaises("{{ today_with_timezone('Nowhere/Atlantis') }}", 'UnknownTimeZoneError', /'Nowhere\/Atlantis'/, ctx);
  });

  test('str_to_datetime assumes UTC and converts to UTC', () => {
    assertRepr("{{ str_to_datetime('2024-01-01') }}", "'2024-01-01 00:00:00+00:00'", ctx);
    assertRepr("{{ str_to_datetime('2024-01-01T10:20:30+02:00') }}", "'2024-01-01 08:20:30+00:00'", ctx);
    assertRepr("{{ str_to_datetime('2024-01-01T10:20:30.123456789Z') }}", "'2024-01-01 10:20:30.123456+00:00'", ctx);
    assertRaises("{{ str_to_datetime('not a date') }}", 'ValueError', /^invalid literal for int\(\) with base 10: b'not '$/, ctx);
    assertRaises("{{ str_to_datetime('héllo') }}", 'ValueError', /ISO-8601 strings should contain only ASCII characters/, ctx);
    assertRepr('{{ str_to_datetime(5) }}', "'{{ str_to_datetime(5) }}'", ctx);
    // dateutil takes any value: short containers are "too short", others fail with a TypeError.
    assertRaises("{{ timestamp({'a': 1}) }}", 'ValueError', /^ISO string too short$/, ctx);
    assertRepr('{{ str_to_datetime([1, 2, 3, 4]) }}', "'{{ str_to_datetime([1, 2, 3, 4]) }}'", ctx);
  });

  test('timestamp: numbers are truncated, strings parsed', () => {
    assertRepr("{{ timestamp('2024-01-01T00:00:00+02:00') }}", '1704060000.0', ctx);
    assertRepr('{{ timestamp(1704067200.9) }}', '1704067200', ctx);
    assertRepr('{{ timestamp(-1.5) }}', '-1', ctx);
  });

  test('day_delta shifts the clock by days and formats', () => {
    assertRepr('{{ day_delta(1) }}', "'2024-06-16T12:34:56.789012+0000'", ctx);
    assertRepr("{{ day_delta(-7, '%Y-%m-%d') }}", "'2024-06-08'", ctx);
    assertRepr("{{ day_delta(0.5, format='%H') }}", '0', ctx);
  });

  test('duration: a timedelta without years or months, else an isodate Duration', () => {
    assertRepr("{{ duration('PT36H') }}", "'1 day, 12:00:00'", ctx);
    assertRepr("{{ duration('P1.5D') }}", "'1 day, 12:00:00'", ctx);
    assertRepr("{{ duration('P0D') }}", "'0:00:00'", ctx);
    assertRepr("{{ duration('-PT1M') }}", "'-1 day, 23:59:00'", ctx);
    assertRepr("{{ duration('P1W2D') }}", "'9 days, 0:00:00'", ctx);
    assertRepr("{{ duration('P2M') }}", "'2 months, 0:00:00'", ctx);
    assertRepr("{{ duration('P1M').months }}", '1', ctx);
    assertRepr("{{ duration('P1M').total_seconds() }}", '0.0', ctx);
    assertRepr("{{ duration('PT1H').total_seconds() }}", '3600.0', ctx);
    assertRaises("{{ duration('P') }}", 'ISO8601Error', /Unable to parse duration string 'P'/, ctx);
    assertRaises("{{ duration('1D') }}", 'ISO8601Error', /Unable to parse duration string/, ctx);
  });

  test('Durations with months clamp the day to the month, forwards and backwards', () => {
    assertRepr("{{ str_to_datetime(config.month_end) - duration('P1M') }}", "'2024-02-29 10:00:00+00:00'", ctx);
    assertRepr("{{ str_to_datetime(config.month_end) + duration('P11M') }}", "'2025-02-28 10:00:00+00:00'", ctx);
    assertRepr("{{ today_utc() + duration('P1Y') }}", "'2025-06-15'", ctx);
    assertRepr("{{ (now_utc() - duration('P1Y2M3DT4H')).isoformat() }}", "'2023-04-12T08:34:56.789012+00:00'", ctx);
    assertRepr("{{ duration('P1M') + duration('PT1H') }}", "'1 month, 1:00:00'", ctx);
    assertRaises("{{ now_utc() + duration('P0.5M') }}", 'ValueError', /fractional years or months not supported/, ctx);
  });

  test('format_datetime: CDK formats (%s, %ms, %s_as_float, %epoch_microseconds, %_ms) and input formats', () => {
    assertRepr("{{ format_datetime(config.start, '%s') }}", '1704067200', ctx);
    assertRepr("{{ format_datetime(config.start, '%ms') }}", '1704067200000', ctx);
    assertRepr("{{ format_datetime(config.start, '%s_as_float') }}", '1704067200.0', ctx);
    assertRepr("{{ format_datetime('2024-01-01T00:00:00.5Z', '%s_as_float') }}", '1704067200.5', ctx);
    assertRepr("{{ format_datetime(config.start, '%epoch_microseconds') }}", '1704067200000000', ctx);
    assertRepr("{{ format_datetime('2024-01-01T10:00:00.123456Z', '%H:%M:%S.%_ms') }}", "'10:00:00.123'", ctx);
    assertRepr("{{ format_datetime(1704067200, '%Y-%m-%d') }}", "'2024-01-01'", ctx);
    assertRepr("{{ format_datetime(1704067200123, '%Y-%m-%dT%H:%M:%S.%f', '%ms') }}", "'2024-01-01T00:00:00.123000'", ctx);
    assertRepr("{{ format_datetime(1704067200123456, '%f', '%epoch_microseconds') }}", '123456', ctx);
    assertRepr("{{ format_datetime('01/02/2024', '%Y-%m-%d', '%m/%d/%Y') }}", "'2024-01-02'", ctx);
    assertRepr("{{ format_datetime(now_utc(), '%s') }}", '1718454896', ctx);
    assertRepr("{{ format_datetime(config.day, '%Y-%m-%dT%H:%M:%SZ') }}", "'2024-01-01T00:00:00Z'", ctx);
    assertRaises("{{ format_datetime('1704067200', '%Y', '%s') }}", 'ValueError', /^'s' is a bad directive in format '%s'$/, ctx);
    assertRaises("{{ format_datetime('garbage', '%Y') }}", 'ValueError', /b'garb'/, ctx);
    assertRepr("{{ format_datetime(today_utc(), '%Y') }}", `"{{ format_datetime(today_utc(), '%Y') }}"`, ctx);
  });

  test('datetimes repr and str as Python prints them, per time zone class', () => {
    const at = (tz: PyTzInfo | null, micro = 0) => new PyDateTime(2024, 6, 15, 12, 34, 56, micro, tz);
    assert.equal(pythonRepr(at(UTC, 789012)), 'datetime.datetime(2024, 6, 15, 12, 34, 56, 789012, tzinfo=datetime.timezone.utc)');
    assert.equal(pythonRepr(at(PYTZ_UTC)), 'datetime.datetime(2024, 6, 15, 12, 34, 56, tzinfo=<UTC>)');
    assert.equal(pythonRepr(at(TZUTC)), 'datetime.datetime(2024, 6, 15, 12, 34, 56, tzinfo=tzutc())');
    assert.equal(
      pythonRepr(at(new FixedTz(7_200_000_000, 'tzoffset'))),
      'datetime.datetime(2024, 6, 15, 12, 34, 56, tzinfo=tzoffset(None, 7200))',
    );
    assert.equal(
      pythonRepr(at(new FixedTz(-19_800_000_000, 'timezone'))),
      'datetime.datetime(2024, 6, 15, 12, 34, 56, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=66600)))',
    );
    assert.equal(pythonRepr(at(null)), 'datetime.datetime(2024, 6, 15, 12, 34, 56)');
    assert.equal(pythonStr(at(new FixedTz(-19_800_000_000, 'timezone'), 5)), '2024-06-15 12:34:56.000005-05:30');
    assert.equal(pythonRepr(new PyDate(2024, 6, 15)), 'datetime.date(2024, 6, 15)');
    assert.equal(pythonRepr(new PyTimeDelta(90_000_000_000n)), 'datetime.timedelta(days=1, seconds=3600)');
    assert.equal(pythonRepr(new PyTimeDelta(-1n)), 'datetime.timedelta(days=-1, seconds=86399, microseconds=999999)');
    assert.equal(pythonRepr(new PyDuration(0, 1, new PyTimeDelta(0n))), 'isodate.duration.Duration(0, 0, 0, years=0, months=1)');
    assertRepr("{{ str_to_datetime('2024-06-15T12:34:56Z') | string }}", `"{{ str_to_datetime('2024-06-15T12:34:56Z') | string }}"`, ctx);
  });
});
