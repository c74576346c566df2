import type { ErrorObject } from 'ajv';
import { isMapping } from '../manifest/json-values.js';
import { type ComponentValidator, componentSchema, definitionValidator, manifestValidator } from './component-validators.js';
import { describeError, describeTypes, instanceSegments, kindOf, type ValidationProblem, valueAt } from './describe-error.js';

type SchemaNode = Record<string, unknown>;
type Path = Array<string | number>;

/** The errors of one validator run, and where its value stands in the manifest. */
interface Owner {
  errors: ErrorObject[];
  base: Path;
}

const MAX_DEPTH = 64;

/**
 * Explains why a manifest does not match the component schema, as a short list of problems a
 * person can act on instead of ajv's full error list. Where the schema offers alternatives
 * (`anyOf`), the one the user meant is followed: the component whose `type` the user wrote, else
 * the only one that accepts that kind of value; only when none fits is the list of what would
 * fit reported. Each component is checked with its own compiled validator, so problems are
 * reported at the deepest component that has them.
 */
export function explainManifest(manifest: unknown): ValidationProblem[] {
  const problems = new Explainer(manifest).definition(undefined, [], 0);
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${JSON.stringify(problem.path)}\0${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

class Explainer {
  private readonly schema = componentSchema();

  constructor(private readonly root: unknown) {}

  /** Problems of the value at `path` against a definition (`undefined`: the whole manifest). */
  definition(name: string | undefined, path: Path, depth: number): ValidationProblem[] {
    const validate: ComponentValidator | undefined = name === undefined ? manifestValidator() : definitionValidator(name);
    const node = name === undefined ? (this.schema as SchemaNode) : this.schema.definitions[name];
    if (validate === undefined || node === undefined || depth > MAX_DEPTH) return [];
    if (validate(valueAt(this.root, path))) return [];
    return this.node(node, '#', { errors: [...(validate.errors ?? [])], base: path }, path, depth);
  }

  /**
   * Problems of the value at `path` against a schema node of the owner validator, at `pointer`.
   * Each error is placed by walking the node along the error's value path: an error reached
   * through a `$ref` or an `anyOf` is explained again by that component or alternative; one that
   * lands on a plain node of this schema is reported as it is. (The schema paths of compiled
   * validators are relative to each definition, so they alone cannot say whose an error is.)
   */
  private node(node: SchemaNode, pointer: string, owner: Owner, path: Path, depth: number): ValidationProblem[] {
    if (typeof node.$ref === 'string') return this.definition(definitionName(node.$ref), path, depth + 1);
    const problems: ValidationProblem[] = [];
    const boundaries = new Map<string, () => ValidationProblem[]>();
    for (const error of owner.errors) {
      const at = [...owner.base, ...instanceSegments(valueAt(this.root, owner.base), error.instancePath)];
      if (!startsWith(at, path)) continue;
      const place = walk(node, pointer, at.slice(path.length), error.schemaPath);
      if (place === undefined) continue;
      if (place.kind === 'own') {
        problems.push(describeError(error, this.root, owner.base));
        continue;
      }
      const target = [...path, ...at.slice(path.length, path.length + place.depth)];
      const key = `${place.kind}:${place.kind === 'ref' ? place.name : place.pointer}:${JSON.stringify(target)}`;
      if (place.kind === 'ref') boundaries.set(key, () => this.definition(place.name, target, depth + 1));
      else boundaries.set(key, () => this.alternatives(place.branches, `${place.pointer}/anyOf`, owner, target, depth));
    }
    for (const explain of boundaries.values()) problems.push(...explain());
    return problems;
  }

  /** The branch the user meant, or what would have fitted. `pointer` is the `anyOf` keyword's. */
  private alternatives(branches: SchemaNode[], pointer: string, owner: Owner, path: Path, depth: number): ValidationProblem[] {
    const value = valueAt(this.root, path);
    const candidates = branches.map((branch, index) => ({ branch, index }));
    if (isMapping(value) && typeof value.type === 'string') {
      const written = value.type;
      const matching = candidates.find(({ branch }) => this.componentTypes(branch).includes(written));
      if (matching) return this.node(matching.branch, `${pointer}/${matching.index}`, owner, path, depth);
      const known = [...new Set(candidates.flatMap(({ branch }) => this.componentTypes(branch)))];
      if (known.length > 0) {
        return [{ path: [...path, 'type'], message: `'${written}' is not a component that fits here; expected ${orList(known)}` }];
      }
    }
    const fitting = candidates.filter(({ branch }) => this.acceptsKind(branch, value));
    if (fitting.length === 1) return this.node(fitting[0].branch, `${pointer}/${fitting[0].index}`, owner, path, depth);
    const components = fitting.flatMap(({ branch }) => this.componentTypes(branch));
    if (isMapping(value) && !Object.hasOwn(value, 'type') && components.length > 1) {
      return [{ path, message: `set 'type' to say which component this is: ${orList(components)}` }];
    }
    return [{ path, message: `must be ${orList(branches.map((branch) => this.describeBranch(branch)))}, not ${kindOf(value)}` }];
  }

  /** The component types (`type` enum) a branch stands for, through references and nested alternatives. */
  private componentTypes(branch: SchemaNode): string[] {
    const resolved = this.resolve(branch);
    if (Array.isArray(resolved.anyOf)) return (resolved.anyOf as SchemaNode[]).flatMap((item) => this.componentTypes(item));
    const typeProperty = isMapping(resolved.properties) ? resolved.properties.type : undefined;
    return isMapping(typeProperty) && Array.isArray(typeProperty.enum) ? typeProperty.enum.map(String) : [];
  }

  private acceptsKind(branch: SchemaNode, value: unknown): boolean {
    const resolved = this.resolve(branch);
    if (Array.isArray(resolved.anyOf)) return (resolved.anyOf as SchemaNode[]).some((item) => this.acceptsKind(item, value));
    if (resolved.type === undefined) return true;
    const types = Array.isArray(resolved.type) ? resolved.type.map(String) : [String(resolved.type)];
    return types.some((type) => matchesType(type, value));
  }

  private describeBranch(branch: SchemaNode): string {
    const resolved = this.resolve(branch);
    const types = this.componentTypes(branch);
    if (types.length > 0) return types.length === 1 ? `a ${types[0]} component` : orList(types);
    if (Array.isArray(resolved.anyOf)) return orList((resolved.anyOf as SchemaNode[]).map((item) => this.describeBranch(item)));
    if (Array.isArray(resolved.enum)) return `one of ${resolved.enum.map((item) => JSON.stringify(item)).join(', ')}`;
    return resolved.type === undefined ? 'any value' : describeTypes(resolved.type);
  }

  private resolve(node: SchemaNode): SchemaNode {
    return typeof node.$ref === 'string' ? (this.schema.definitions[definitionName(node.$ref)] ?? node) : node;
  }
}

function definitionName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isMapping(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'null':
      return value === null;
    default:
      return false;
  }
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => String(path[index]) === String(part));
}

type Place =
  | { kind: 'own' }
  | { kind: 'ref'; name: string; depth: number }
  | { kind: 'anyOf'; branches: SchemaNode[]; pointer: string; depth: number };

/** Where an error at `segments` below a node belongs: to the node itself, a referenced component, or an alternative. */
function walk(node: SchemaNode, pointer: string, segments: Path, schemaPath: string): Place | undefined {
  let current = node;
  let at = pointer;
  for (let index = 0; ; index++) {
    if (index > 0 && typeof current.$ref === 'string') return { kind: 'ref', name: definitionName(current.$ref), depth: index };
    const branches = Array.isArray(current.anyOf) ? (current.anyOf as SchemaNode[]) : undefined;
    if (index === segments.length) {
      if (branches && schemaPath === `${at}/anyOf`) return { kind: 'anyOf', branches, pointer: at, depth: index };
      if (schemaPath.startsWith(`${at}/anyOf/`) || !schemaPath.startsWith(`${at}/`)) return undefined;
      return { kind: 'own' };
    }
    const part = segments[index];
    const properties = isMapping(current.properties) ? current.properties : undefined;
    let next: unknown;
    if (typeof part === 'number' && isMapping(current.items)) {
      next = current.items;
      at = `${at}/items`;
    } else if (properties && Object.hasOwn(properties, String(part))) {
      next = properties[String(part)];
      at = `${at}/properties/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`;
    } else if (isMapping(current.additionalProperties)) {
      next = current.additionalProperties;
      at = `${at}/additionalProperties`;
    }
    // A node with both properties and alternatives (the manifest's root) descends by its properties.
    if (!isMapping(next)) return branches ? { kind: 'anyOf', branches, pointer: at, depth: index } : undefined;
    current = next;
  }
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
