// Proleptic Gregorian calendar arithmetic, as Python's datetime module does it (ordinal 1 is
// 0001-01-01).
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_400_YEARS = 146097;
const DAYS_IN_100_YEARS = 36524;
const DAYS_IN_4_YEARS = 1461;

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;
/** toOrdinal(1970, 1, 1). */
export const EPOCH_ORDINAL = 719163;
export const MICROS_PER_DAY = 86_400_000_000;

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month];
}

function daysBeforeYear(year: number): number {
  const y = year - 1;
  return y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

export function daysBeforeMonth(year: number, month: number): number {
  return DAYS_BEFORE_MONTH[month] + (month > 2 && isLeap(year) ? 1 : 0);
}

export function toOrdinal(year: number, month: number, day: number): number {
  return daysBeforeYear(year) + daysBeforeMonth(year, month) + day;
}

export function fromOrdinal(ordinal: number): [number, number, number] {
  let n = ordinal - 1;
  const n400 = Math.floor(n / DAYS_IN_400_YEARS);
  n -= n400 * DAYS_IN_400_YEARS;
  let year = n400 * 400 + 1;
  const n100 = Math.floor(n / DAYS_IN_100_YEARS);
  n -= n100 * DAYS_IN_100_YEARS;
  const n4 = Math.floor(n / DAYS_IN_4_YEARS);
  n -= n4 * DAYS_IN_4_YEARS;
  const n1 = Math.floor(n / 365);
  n -= n1 * 365;
  year += n100 * 100 + n4 * 4 + n1;
  if (n1 === 4 || n100 === 4) return [year - 1, 12, 31];
  const leap = n1 === 3 && (n4 !== 24 || n100 === 3);
  let month = (n + 50) >> 5;
  let preceding = DAYS_BEFORE_MONTH[month] + (month > 2 && leap ? 1 : 0);
  if (preceding > n) {
    month -= 1;
    preceding -= DAYS_IN_MONTH[month] + (month === 2 && leap ? 1 : 0);
  }
  return [year, month, n - preceding + 1];
}

/** Monday is 0, as date.weekday(). */
export function weekdayOf(ordinal: number): number {
  return (ordinal + 6) % 7;
}

/** ISO year, week and weekday (1 = Monday), as date.isocalendar(). */
export function isoCalendar(year: number, month: number, day: number): [number, number, number] {
  const ordinal = toOrdinal(year, month, day);
  const week1Monday = (y: number) => {
    const first = toOrdinal(y, 1, 1);
    const firstWeekday = (first + 6) % 7;
    let monday = first - firstWeekday;
    if (firstWeekday > 3) monday += 7;
    return monday;
  };
  let isoYear = year;
  let monday = week1Monday(isoYear);
  if (ordinal < monday) {
    isoYear -= 1;
    monday = week1Monday(isoYear);
  } else if (ordinal >= week1Monday(isoYear + 1)) {
    isoYear += 1;
    monday = week1Monday(isoYear);
  }
  const week = Math.floor((ordinal - monday) / 7) + 1;
  return [isoYear, week, ((ordinal - monday) % 7) + 1];
}
