import { isMapping, type JsonMapping } from '../manifest/json-values.js';

/**
 * Calls `visit` with every mapping below `node` (a stream, or the whole manifest) and its path,
 * parents before children. `$parameters` and inline JSON Schemas are skipped: they hold no
 * components, and schemas are most of a large manifest. The path is reused between calls; copy
 * it to keep it.
 */
export function walkComponents(
  node: unknown,
  base: Array<string | number>,
  visit: (mapping: JsonMapping, path: Array<string | number>) => void,
): void {
  const path = [...base];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        walk(value[index]);
        path.pop();
      }
      return;
    }
    if (!isMapping(value)) return;
    visit(value, path);
    for (const key in value) {
      if (key === '$parameters' || !Object.hasOwn(value, key) || (key === 'schema' && value.type === 'InlineSchemaLoader')) continue;
      path.push(key);
      walk(value[key]);
      path.pop();
    }
  };
  walk(node);
}
