// Exact decimal formatting of doubles (CPython formats and rounds floats from their exact binary
// value, half to even): %f/%e/%g, format() and round().

/** x (finite, non-negative) as digits / 10**scale exactly. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  if (x === 0) return { digits: 0n, scale: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exponentBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (exponentBits === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  if (exponent >= 0) return { digits: mantissa << BigInt(exponent), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/**
 * Rounds digits / 10**scale to `places` decimals, half to even; returns the decimal digits of the
 * result in units of 10**-places. Extra places are appended as text (a double has at most 1074
 * fractional digits), and rounding far above the value gives 0 without computing huge powers.
 */
function roundToPlaces(digits: bigint, scale: number, places: number): string {
  if (places >= scale) return digits === 0n ? '0' : digits.toString() + '0'.repeat(places - scale);
  if (scale - places > digits.toString().length + 1) return '0';
  const divisor = 10n ** BigInt(scale - places);
  const quotient = digits / divisor;
  const twice = (digits % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return (quotient + 1n).toString();
  return quotient.toString();
}

function insertPoint(units: string, places: number): string {
  if (places <= 0) return units === '0' ? '0' : units + '0'.repeat(-places);
  const text = units.padStart(places + 1, '0');
  return `${text.slice(0, -places)}.${text.slice(-places)}`;
}

function special(x: number, upper: boolean): string | null {
  if (Number.isNaN(x)) return upper ? 'NAN' : 'nan';
  if (!Number.isFinite(x)) return `${x < 0 ? '-' : ''}${upper ? 'INF' : 'inf'}`;
  return null;
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** '%.{precision}f'. */
export function formatFixed(x: number, precision: number, upper = false): string {
  const s = special(x, upper);
  if (s !== null) return s;
  const { digits, scale } = exactDecimal(Math.abs(x));
  return sign(x) + insertPoint(roundToPlaces(digits, scale, precision), precision);
}

/** Significant digits of |x| rounded to `count` digits, with the decimal exponent of the first. */
function significant(x: number, count: number): { text: string; exp: number } {
  const { digits, scale } = exactDecimal(Math.abs(x));
  if (digits === 0n) return { text: '0'.repeat(count), exp: 0 };
  const length = digits.toString().length;
  let exp = length - 1 - scale;
  let rounded = roundToPlaces(digits, scale, count - 1 - exp);
  if (rounded.length > count) {
    exp += 1;
    rounded = roundToPlaces(digits, scale, count - 1 - exp);
  }
  return { text: rounded, exp };
}

function exponentText(exp: number): string {
  return `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** '%.{precision}e'. */
export function formatExponent(x: number, precision: number, upper = false, alternate = false): string {
  const s = special(x, upper);
  if (s !== null) return s;
  const { text, exp } = significant(x, precision + 1);
  const mantissa = precision > 0 || alternate ? `${text[0]}.${text.slice(1)}` : text;
  return `${sign(x)}${mantissa}${upper ? 'E' : 'e'}${exponentText(exp)}`;
}

/** '%.{precision}g' (alternate keeps trailing zeros, as '#'). */
export function formatGeneral(x: number, precision: number, upper = false, alternate = false): string {
  const s = special(x, upper);
  if (s !== null) return s;
  const p = precision === 0 ? 1 : precision;
  const { exp } = significant(x, p);
  let text: string;
  if (exp >= -4 && exp < p) text = formatFixed(x, p - 1 - exp);
  else text = formatExponent(x, p - 1, upper, alternate);
  if (alternate) return text;
  return stripZeros(text);
}

function stripZeros(text: string): string {
  const [mantissa, exponent] = text.split(/(?=[eE])/);
  const stripped = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return stripped + (exponent ?? '');
}

/** Python's round(x, ndigits) for floats. */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const { digits, scale } = exactDecimal(Math.abs(x));
  let value: number;
  if (ndigits >= 0) value = Number(insertPoint(roundToPlaces(digits, scale, ndigits), ndigits));
  else {
    value = Number(insertPoint(roundToPlaces(digits, scale, ndigits), ndigits));
  }
  return x < 0 ? -value : value;
}
