/**
 * A YAML 1.1 timestamp (`2024-06-15`, `2024-06-15 12:30:00Z`), which PyYAML's `safe_load` turns
 * into a Python `date` or `datetime`. It stays a value of its own, not a string, so that a date
 * written unquoted where the component schema wants a string fails validation as it does in the
 * Python CDK; `toJSON()` gives the ISO text that Python's serializer prints for it.
 */
export class YamlTimestamp {
  constructor(
    /** `date` for `YYYY-MM-DD`, `datetime` when a time is given. */
    readonly kind: 'date' | 'datetime',
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour = 0,
    readonly minute = 0,
    readonly second = 0,
    readonly microsecond = 0,
    /** Minutes east of UTC; undefined for a naive datetime (no zone written). */
    readonly offsetMinutes?: number,
  ) {}

  /** Python's `isoformat()`: microseconds only when not zero, the offset only when known. */
  toJSON(): string {
    const date = `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
    if (this.kind === 'date') return date;
    const fraction = this.microsecond === 0 ? '' : `.${pad(this.microsecond, 6)}`;
    const time = `${pad(this.hour, 2)}:${pad(this.minute, 2)}:${pad(this.second, 2)}${fraction}`;
    return `${date}T${time}${this.offsetMinutes === undefined ? '' : formatOffset(this.offsetMinutes)}`;
  }

  /** The timestamp as PyYAML gives it to Python's `str()`. */
  toString(): string {
    return this.toJSON();
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60), 2)}:${pad(absolute % 60, 2)}`;
}
