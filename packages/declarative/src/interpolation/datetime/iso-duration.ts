// isodate's parse_duration, which the CDK's duration() macro uses: a timedelta when the duration
// has no years or months, else an isodate Duration.
import { PythonError } from '../errors.js';
import { PyDuration, PyTimeDelta, timedeltaFromParts } from './model.js';

const PERIOD =
  /^(?<sign>[+-])?P(?!\b)(?<years>[0-9]+(?:[,.][0-9]+)?Y)?(?<months>[0-9]+(?:[,.][0-9]+)?M)?(?<weeks>[0-9]+(?:[,.][0-9]+)?W)?(?<days>[0-9]+(?:[,.][0-9]+)?D)?(?:(?<separator>T)(?<hours>[0-9]+(?:[,.][0-9]+)?H)?(?<minutes>[0-9]+(?:[,.][0-9]+)?M)?(?<seconds>[0-9]+(?:[,.][0-9]+)?S)?)?$/;

const ALTERNATIVE =
  /^(?<sign>[+-])?P(?<years>\d{4})-?(?<months>\d{2})-?(?<days>\d{2})T(?<hours>\d{2}):?(?<minutes>\d{2}):?(?<seconds>\d{2}(?:[.,]\d+)?)$/;

function parseError(text: string): PythonError {
  return new PythonError('ISO8601Error', `Unable to parse duration string ${JSON.stringify(text).replace(/^"|"$/g, "'")}`);
}

function value(part: string | undefined): number {
  return part === undefined ? 0 : Number(part.slice(0, -1).replace(',', '.'));
}

export function parseDuration(text: string): PyTimeDelta | PyDuration {
  const match = PERIOD.exec(text);
  if (match === null) return parseAlternative(text);
  const g = match.groups!;
  const years = value(g.years);
  const months = value(g.months);
  const delta = timedeltaFromParts({
    weeks: value(g.weeks),
    days: value(g.days),
    hours: value(g.hours),
    minutes: value(g.minutes),
    seconds: value(g.seconds),
  });
  const negative = g.sign === '-';
  if (years === 0 && months === 0) return negative ? new PyTimeDelta(-delta.totalMicros) : delta;
  const duration = new PyDuration(years, months, delta);
  return negative ? duration.negate() : duration;
}

/** The alternative form PYYYY-MM-DDThh:mm:ss. */
function parseAlternative(text: string): PyTimeDelta | PyDuration {
  const match = ALTERNATIVE.exec(text);
  if (match === null) throw parseError(text);
  const g = match.groups!;
  const delta = timedeltaFromParts({
    days: Number(g.days),
    hours: Number(g.hours),
    minutes: Number(g.minutes),
    seconds: Number(g.seconds.replace(',', '.')),
  });
  const years = Number(g.years);
  const months = Number(g.months);
  const negative = g.sign === '-';
  if (years === 0 && months === 0) return negative ? new PyTimeDelta(-delta.totalMicros) : delta;
  const duration = new PyDuration(years, months, delta);
  return negative ? duration.negate() : duration;
}
