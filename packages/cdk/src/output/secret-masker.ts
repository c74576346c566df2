import { secretPattern } from './secret-pattern.js';

/** What a secret is replaced with wherever the connector writes outside of record data. */
export const SECRET_MASK = '****';

/**
 * Secrets shorter than this many characters (not counting whitespace around them) are not
 * masked: replacing every `7` or `ab` would garble the output (`http://12****.0.0.1`) and
 * protect little, since so short a secret is guessed in a few tries anyway.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every known secret with `****`, in every spelling `secretPattern` knows: literal,
 * JSON-escaped (`\uXXXX` in any case, `\/`), URL- and form-encoded, HTML entities, with its inner
 * whitespace changed and without the whitespace around it. Longer secrets are matched first, so
 * a secret that contains another is masked whole.
 */
export class SecretMasker {
  /** Each secret (trimmed) and the source of its pattern. */
  private readonly patterns = new Map<string, string>();
  private pattern: RegExp | undefined;
  private whole: RegExp | undefined;

  /**
   * Adds a secret (a string or a number). Returns false when it cannot be masked: another kind
   * of value, only whitespace, or shorter than `MIN_SECRET_LENGTH`.
   */
  add(secret: unknown): boolean {
    const text = secretText(secret);
    if (text === undefined || isTooShort(text)) return false;
    if (!this.patterns.has(text)) {
      this.patterns.set(text, secretPattern(text));
      this.pattern = undefined;
      this.whole = undefined;
    }
    return true;
  }

  /** How many secrets are masked. */
  get size(): number {
    return this.patterns.size;
  }

  /** Whether `text` is exactly a known secret (in one of its spellings, whitespace around it allowed). */
  isSecret(text: string): boolean {
    if (this.patterns.size === 0) return false;
    this.whole ??= new RegExp(`^\\s*(?:${this.alternatives()})\\s*$`);
    return this.whole.test(text);
  }

  /**
   * The text with every registered secret replaced by `****`, in any of the spellings servers and
   * encoders use.
   */
  mask(text: string): string {
    if (this.patterns.size === 0) return text;
    this.pattern ??= new RegExp(this.alternatives(), 'g');
    return text.replace(this.pattern, SECRET_MASK);
  }

  /** A copy of `value` with every string in it masked (objects and arrays are walked). */
  maskDeep<T>(value: T): T {
    if (this.patterns.size === 0) return value;
    return this.walk(value) as T;
  }

  private alternatives(): string {
    return [...this.patterns.entries()]
      .sort(([a], [b]) => b.length - a.length)
      .map(([, pattern]) => pattern)
      .join('|');
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.mask(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (typeof value === 'object' && value !== null) {
      // fromEntries defines each key as its own property: a `__proto__` key stays a key.
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.walk(item)]));
    }
    return value;
  }
}

/** A secret value as the text it is printed as (trimmed); undefined for what is not a secret's value. */
function secretText(secret: unknown): string | undefined {
  if (typeof secret === 'string') return secret.trim();
  if (typeof secret === 'number' || typeof secret === 'bigint') return String(secret);
  return undefined;
}

function isTooShort(text: string): boolean {
  let length = 0;
  for (const _ of text) if (++length >= MIN_SECRET_LENGTH) return false;
  return true;
}

/**
 * Whether a configured secret is too short to be masked: it has 1 to `MIN_SECRET_LENGTH - 1`
 * characters besides surrounding whitespace. (Empty and whitespace-only values are not secrets.)
 */
export function isTooShortToMask(secret: unknown): boolean {
  const text = secretText(secret);
  return text !== undefined && text.length > 0 && isTooShort(text);
}

/** The process-wide masker: spec secrets and tokens obtained at run time are added to it. */
export const secretMasker = new SecretMasker();

/** Registers a value (an access token, say) that must never be printed outside record data. */
export function registerSecret(secret: unknown): void {
  secretMasker.add(secret);
}
