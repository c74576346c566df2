/** What a secret is replaced with wherever the connector writes outside of record data. */
export const SECRET_MASK = '****';

/**
 * Replaces every known secret with `****`. Each secret is also matched in its JSON-escaped and
 * URL-encoded spellings (`encodeURIComponent`'s and the form encoding of `URLSearchParams`),
 * since secrets end up inside serialized bodies and query strings;
 * longer secrets are matched first, so a secret that contains another is masked whole.
 */
export class SecretMasker {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  add(secret: unknown): void {
    if (secret === undefined || secret === null) return;
    const text = typeof secret === 'string' ? secret : String(secret);
    // Masking every space (or every empty string) of the output would hide nothing and garble it all.
    if (text.trim().length === 0) return;
    const before = this.secrets.size;
    for (const form of [text, JSON.stringify(text).slice(1, -1), safeEncode(text), formEncode(text)]) {
      if (form.length > 0) this.secrets.add(form);
    }
    if (this.secrets.size !== before) this.pattern = undefined;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Whether `text` is exactly a known secret (in one of its spellings). */
  isSecret(text: string): boolean {
    return this.secrets.has(text);
  }

  mask(text: string): string {
    if (this.secrets.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, SECRET_MASK);
  }

  /** A copy of `value` with every string in it masked (objects and arrays are walked). */
  maskDeep<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.mask(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.walk(item);
      return out;
    }
    return value;
  }
}

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The `application/x-www-form-urlencoded` spelling (`url.searchParams`, form bodies): spaces as `+`, `!'()~` escaped. */
function formEncode(text: string): string {
  return new URLSearchParams({ '': text }).toString().slice(1);
}

/** The process-wide masker: spec secrets and tokens obtained at run time are added to it. */
export const secretMasker = new SecretMasker();

/** Registers a value (an access token, say) that must never be printed outside record data. */
export function registerSecret(secret: unknown): void {
  secretMasker.add(secret);
}
