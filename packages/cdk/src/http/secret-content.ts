import { secretMasker } from '../output/secret-masker.js';

/** True when `text` holds a registered secret anywhere, in any spelling the masker knows. */
export function holdsSecret(text: string): boolean {
  return secretMasker.size > 0 && text.length > 0 && secretMasker.mask(text) !== text;
}
