import { defaultTypeFor, NAMED_COMPONENT_FIELDS } from './default-types.js';
import { isMapping, isTruthy, type JsonMapping } from './json-values.js';
import { RawManifestProblem } from './manifest-error.js';

export const PARAMETERS_KEY = '$parameters';

export interface PropagationOptions {
  /**
   * When true, a parent's parameter wins over the child's own parameter of the same name (the
   * CDK's `use_parent_parameters`, which dynamic streams use); by default the child wins.
   */
  useParentParameters?: boolean;
}

/**
 * Fills in default component types and propagates `$parameters` from parent to child components,
 * exactly as the Python CDK's `ManifestComponentTransformer.propagate_types_and_parameters`:
 *
 * - a mapping without `type` gets the default type of the field it stands in (`defaultTypeFor`);
 * - a component's parameters are its parent's merged with its own `$parameters` (own win);
 * - every parameter also becomes a field of the component, unless the component's own value for
 *   that field is truthy (Python's `own or parameter`), so `$parameters: {name: users}` names the
 *   stream and `$parameters: {path: /users}` sets the requester's path;
 * - a parameter is not passed down into the field of the same name (that would loop);
 * - JSON Schemas (`type: object` or `type: [null, object]`) are left as they are, and mappings
 *   without a type are not components: only their direct children that have a `type` are visited;
 * - a component keeps its merged parameters under `$parameters`.
 *
 * The input is not modified; the result is a new tree.
 */
export function propagateTypesAndParameters(component: JsonMapping, options: PropagationOptions = {}): JsonMapping {
  return new Propagation(options.useParentParameters === true).component('', component, {}, []);
}

class Propagation {
  constructor(private readonly parentWins: boolean) {}

  component(fieldIdentifier: string, source: JsonMapping, parentParameters: JsonMapping, at: Array<string | number>): JsonMapping {
    const result: JsonMapping = {};
    for (const key of Object.keys(source)) if (key !== PARAMETERS_KEY) result[key] = source[key];
    if (!Object.hasOwn(result, 'type')) {
      const found = defaultTypeFor(fieldIdentifier, source);
      if (found) result.type = found;
    }
    const own = Object.hasOwn(source, PARAMETERS_KEY) ? source[PARAMETERS_KEY] : {};
    if (!isMapping(own)) {
      throw new RawManifestProblem('The manifest is not valid', `$parameters must be a mapping, not ${JSON.stringify(own)}`, [
        ...at,
        PARAMETERS_KEY,
      ]);
    }
    const parameters: JsonMapping = this.parentWins ? { ...own, ...parentParameters } : { ...parentParameters, ...own };

    if (isJsonSchemaObject(result)) return result;
    if (!Object.hasOwn(result, 'type')) return this.untyped(fieldIdentifier, result, parameters, at);

    for (const key of Object.keys(parameters)) {
      result[key] = isTruthy(result[key]) ? result[key] : parameters[key];
    }
    const type = String(result.type);
    for (const key of Object.keys(result)) {
      const value = result[key];
      if (!isMapping(value) && !Array.isArray(value)) continue;
      // A parameter is not handed down into the field it names; a falsy one is not restored (as in Python).
      const excluded = parameters[key];
      delete parameters[key];
      result[key] = this.field(`${type}.${key}`, value, parameters, [...at, key]);
      if (isTruthy(excluded)) parameters[key] = excluded;
    }
    if (Object.keys(parameters).length > 0) result[PARAMETERS_KEY] = parameters;
    return result;
  }

  private field(identifier: string, value: JsonMapping | unknown[], parameters: JsonMapping, at: Array<string | number>): unknown {
    if (Array.isArray(value)) {
      return value.map((item, index) => (isMapping(item) ? this.component(identifier, item, { ...parameters }, [...at, index]) : item));
    }
    const namedType = NAMED_COMPONENT_FIELDS[identifier];
    if (namedType === undefined) return this.component(identifier, value, { ...parameters }, at);
    const named: JsonMapping = {};
    for (const name of Object.keys(value)) {
      const item = value[name];
      named[name] = isMapping(item)
        ? this.component(identifier, Object.hasOwn(item, 'type') ? item : { ...item, type: namedType }, { ...parameters }, [...at, name])
        : item;
    }
    return named;
  }

  /** A mapping that is not a component: only its direct children that have a type are visited. */
  private untyped(fieldIdentifier: string, result: JsonMapping, parameters: JsonMapping, at: Array<string | number>): JsonMapping {
    for (const key of Object.keys(result)) {
      const value = result[key];
      if (isMapping(value) && isTruthy(value.type)) result[key] = this.component(fieldIdentifier, value, { ...parameters }, [...at, key]);
    }
    return result;
  }
}

function isJsonSchemaObject(component: JsonMapping): boolean {
  const type = component.type;
  return type === 'object' || (Array.isArray(type) && type.length === 2 && type[0] === 'null' && type[1] === 'object');
}
