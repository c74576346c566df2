import { isMapping } from '../manifest/json-values.js';
import { walkComponents } from './walk-components.js';

/** A custom (Python) component found in a resolved manifest. */
export interface CustomComponentUse {
  /** `CustomRecordExtractor`, ... */
  type: string;
  /** `source_declarative_manifest.components.MyExtractor`. */
  className: string;
  /** Its path in the resolved manifest. */
  path: Array<string | number>;
}

/** True for a component that runs Python code from the connector's `components.py`. */
export function isCustomComponent(value: unknown): value is Record<string, unknown> & { type: string } {
  return isMapping(value) && typeof value.type === 'string' && value.type.startsWith('Custom');
}

/** Every custom component below `node` (a stream, or the whole manifest), with its path. */
export function findCustomComponents(node: unknown, base: Array<string | number> = []): CustomComponentUse[] {
  const found: CustomComponentUse[] = [];
  walkComponents(node, base, (value, path) => {
    if (isCustomComponent(value))
      found.push({ type: value.type, className: String(value.class_name ?? '(no class_name)'), path: [...path] });
  });
  return found;
}
