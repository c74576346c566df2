import type { JsonSchema } from '../protocol/json-schema.js';
import { applyToJSON, JSON_SAFE, serializeValue, stringify } from './compiled-serializer-runtime.js';

/**
 * Compiles a serializer for the records of one stream from the stream's JSON Schema (all `$ref`s
 * already inlined). The returned function produces JSON text equal in value to
 * `JSON.stringify(data)` for ANY input, whether or not it matches the schema; it is only faster
 * when the input does match.
 *
 * How: one generated function per object schema with `properties` (and one per array of such
 * objects). Plain objects (prototype `Object.prototype` or `null`) without `toJSON` whose own
 * enumerable keys are all declared are written by the generated code: declared properties with
 * fast paths for their declared types, any other value (type mismatches, Dates, BigInts, free-form
 * objects...) by the exact generic path of `compiled-serializer-runtime.ts`. Any other object
 * (undeclared keys, arrays, class instances, `toJSON`...) goes to `JSON.stringify` whole, so no
 * key is ever lost. Types in the schema only choose fast paths; they never change the result.
 *
 * Differences from `JSON.stringify` (the output is always valid JSON equal in value):
 * - Key order: keys are written in the order of the schema's `properties` (integer-like names
 *   first, as JavaScript orders keys). For records whose keys were created in that order — the
 *   usual case — the output is byte-for-byte identical to `JSON.stringify`; otherwise only the
 *   order of keys differs.
 * - Getters, `toJSON` getters and Proxy traps may run in a different order or number of times
 *   than under `JSON.stringify` (for example once here, then again on a fallback); they are assumed to be
 *   free of side effects and to return the same result every time. Built-ins (`JSON.stringify`,
 *   `RegExp.prototype.test`, ...) are assumed not to be monkey-patched after this module loads.
 * - Like `JSON.stringify`, the function returns `undefined` (despite its type) for inputs that
 *   serialize to nothing, and throws where it throws (BigInt, cycles); messages may differ.
 */
export function compileSerializer(schema: JsonSchema): (data: object) => string {
  const generator = new Generator();
  const root = generator.objectFunction(schema, 0);
  if (root === undefined) return (data: object): string => stringify(data);
  const body = [
    '"use strict";',
    ...generator.functions,
    'return function serialize(d) {',
    '  if (typeof d !== "object" || d === null) return S(d);',
    // Generated frames are bigger than JSON.stringify's native recursion: if the stack runs out,
    // let JSON.stringify decide (it either succeeds or throws the same RangeError).
    `  try { return ${root}(d, ""); } catch (e) { if (e instanceof RangeError) return S(d); throw e; }`,
    '};',
  ].join('\n');
  const runtime: Record<string, unknown> = {
    S: stringify,
    SAFE: JSON_SAFE,
    OP: Object.prototype,
    GP: Object.getPrototypeOf,
    H: Object.prototype.hasOwnProperty,
    V: serializeValue,
    A: applyToJSON,
    ...generator.constants,
  };
  // Generated code: schema property names only ever appear in it as JSON string literals.
  const factory = new Function(...Object.keys(runtime), body) as (...args: unknown[]) => (data: object) => string;
  return factory(...Object.values(runtime));
}

/** Object schemas nested deeper than this are serialized by the generic path. */
const MAX_DEPTH = 32;
/**
 * Objects with more declared properties than this are left to JSON.stringify: measured on Node
 * 20, the compiled code stops paying off around 300-500 properties per object.
 */
const MAX_PROPERTIES = 256;
/**
 * Properties written per generated function. V8 does not optimize functions with very large
 * bytecode (measured here: a flat 192-property object ran 2x slower than JSON.stringify), so
 * bigger objects are written by a chain of chunk functions.
 */
const CHUNK = 64;

type TypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

function declaredTypes(schema: JsonSchema): Set<TypeName> {
  const type: unknown = schema.type;
  const list: unknown[] = Array.isArray(type) ? type : [type];
  return new Set(list.filter((t): t is TypeName => typeof t === 'string'));
}

function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JS string literal for `text` (JSON strings are valid JavaScript literals since ES2019). */
const lit = (text: string): string => stringify(text);

class Generator {
  readonly functions: string[] = [];
  readonly constants: Record<string, unknown> = {};
  private readonly objects = new Map<JsonSchema, string | undefined>();
  private readonly arrays = new Map<JsonSchema, string | undefined>();
  private readonly inProgress = new Set<JsonSchema>();
  private counter = 0;

  private constant(value: unknown): string {
    const name = `C${Object.keys(this.constants).length}`;
    this.constants[name] = value;
    return name;
  }

  /** Name of the generated function for an object schema, or undefined if it is not compiled. */
  objectFunction(schema: unknown, depth: number): string | undefined {
    // A schema that contains itself (a recursive $ref, inlined) is compiled once; the inner
    // occurrence uses the generic path, which keeps the generated recursion finite.
    if (!isSchemaObject(schema) || depth > MAX_DEPTH || this.inProgress.has(schema)) return undefined;
    if (this.objects.has(schema)) return this.objects.get(schema);
    const types = declaredTypes(schema);
    const properties = schema.properties;
    if ((types.size > 0 && !types.has('object')) || !isSchemaObject(properties)) return undefined;
    // Object.keys gives the order JavaScript itself uses (integer-like keys first, ascending).
    const names = Object.keys(properties);
    // `__proto__` cannot be read or written like other keys; leave such objects to JSON.stringify.
    if (names.length === 0 || names.length > MAX_PROPERTIES || Object.hasOwn(properties, '__proto__')) {
      this.objects.set(schema, undefined);
      return undefined;
    }
    this.inProgress.add(schema);
    const name = `f${this.counter++}`;
    const source = this.objectSource(
      name,
      names,
      names.map((property) => properties[property]),
      depth,
    );
    this.inProgress.delete(schema);
    this.functions.push(`function ${name}(d, key) {\n${source}\n}`);
    this.objects.set(schema, name);
    return name;
  }

  /** Name of a generated function for arrays whose `items` is a compiled object schema. */
  private arrayFunction(schema: JsonSchema, depth: number): string | undefined {
    if (this.arrays.has(schema)) return this.arrays.get(schema);
    const item = this.objectFunction(schema.items, depth + 1);
    const name = item === undefined ? undefined : `a${this.counter++}`;
    this.arrays.set(schema, name);
    if (name === undefined) return undefined;
    // Elements are read with [[Get]] up to `length` like JSON.stringify does (holes read as
    // undefined); undefined, functions and symbols become null; toJSON gets the index as key.
    this.functions.push(
      [
        `function ${name}(a, key) {`,
        '  const t = a.toJSON;',
        '  if (typeof t === "function") return A(a, key, t);',
        '  const n = a.length;',
        '  if (n === 0) return "[]";',
        '  let s = "[", v, x;',
        '  for (let i = 0; i < n; i++) {',
        '    if (i !== 0) s += ",";',
        '    v = a[i];',
        `    x = typeof v === "object" && v !== null ? ${item}(v, i) : V(v, i);`,
        '    s += x === undefined ? "null" : x;',
        '  }',
        '  return s + "]";',
        '}',
      ].join('\n'),
    );
    return name;
  }

  private objectSource(name: string, names: string[], schemas: unknown[], depth: number): string {
    const words = Math.ceil(names.length / 32);
    const masks = Array.from({ length: words }, (_, w) => `m${w}`);
    const order = this.constant(names);
    const bit = (i: number): string => `${1 << (i & 31)}`;
    // `1 << j` shifts by j mod 32, which is the bit of property j within its mask word.
    const setBitJ = words === 1 ? 'm0 |= 1 << j;' : masks.map((m, w) => `if (j < ${32 * w + 32}) ${m} |= 1 << j;`).join(' else ');
    const found = (i: number): string => `m${i >> 5} |= ${bit(i)}; j = ${i + 1};`;
    const lines = [
      // toJSON (own or inherited) wins over everything, exactly as in JSON.stringify.
      '  const t = d.toJSON;',
      '  if (typeof t === "function") return A(d, key, t);',
      // Arrays, Dates without toJSON, boxed primitives, class instances, other realms...
      '  const p = GP(d);',
      '  if (p !== OP && p !== null) return S(d);',
      // Which declared properties are own enumerable keys (bits in m0, m1...)? Any undeclared
      // one sends the whole object to JSON.stringify, so no key is ever lost. Inherited
      // enumerable keys (a polluted prototype) are skipped, as JSON.stringify skips them. Keys
      // usually come in schema order, so one comparison per key is the common case; a switch
      // handles the rest.
      `  let j = 0, ${masks.map((m) => `${m} = 0`).join(', ')};`,
      '  for (const k in d) {',
      '    if (!H.call(d, k)) continue;',
      `    if (k === ${order}[j]) { ${setBitJ} j++; continue; }`,
      ...this.lookupSwitch(names, found, 'return S(d);').map((line) => `    ${line}`),
      '  }',
    ];
    // Writing: s is the output so far; c is 0 while nothing was written, 1 after a value (the next
    // key needs a comma), 2 after a string whose closing quote is still to come (it is merged into
    // the next literal, which saves a concatenation per string).
    const properties = (from: number, to: number): string[] =>
      names.slice(from, to).flatMap((property, offset) => {
        const i = from + offset;
        const source = this.propertySource(property, schemas[i], i === 0, depth).map((line) => `    ${line}`);
        return [`  if ((m${i >> 5} & ${bit(i)}) !== 0) {`, ...source, '  }'];
      });
    if (names.length <= CHUNK) {
      lines.push('  let s = "{", c = 0, v, x;', ...properties(0, names.length), '  return c === 2 ? s + \'"}\' : s + "}";');
      return lines.join('\n');
    }
    // Chunk k writes properties [k * CHUNK, (k + 1) * CHUNK) and gets their mask words under the
    // same names; it derives c from s (only "{" so far means nothing was written) and closes a
    // pending quote before returning.
    lines.push('  let s = "{";');
    for (let from = 0, k = 0; from < names.length; from += CHUNK, k++) {
      const to = Math.min(from + CHUNK, names.length);
      const words = masks.slice(from >> 5, ((to - 1) >> 5) + 1).join(', ');
      lines.push(`  s = ${name}_${k}(d, s, ${words});`);
      this.functions.push(
        [
          `function ${name}_${k}(d, s, ${words}) {`,
          '  let c = s.length > 1 ? 1 : 0, v, x;',
          ...properties(from, to),
          "  return c === 2 ? s + '\"' : s;",
          '}',
        ].join('\n'),
      );
    }
    lines.push('  return s + "}";');
    return lines.join('\n');
  }

  /** A `switch` on `k` running `found(i)` for `names[i]` and `otherwise` for any other key. */
  private lookupSwitch(names: string[], found: (i: number) => string, otherwise: string): string[] {
    const cases = (indices: number[]): string => indices.map((i) => `case ${lit(names[i])}: ${found(i)} break;`).join(' ');
    if (names.length <= 8) return [`switch (k) { ${cases(names.map((_, i) => i))} default: ${otherwise} }`];
    // Many names: dispatch on the length first so each key is compared with few candidates.
    const byLength = new Map<number, number[]>();
    names.forEach((name, i) => {
      byLength.set(name.length, [...(byLength.get(name.length) ?? []), i]);
    });
    const lines = ['switch (k.length) {'];
    for (const [length, indices] of byLength) lines.push(`  case ${length}: switch (k) { ${cases(indices)} default: ${otherwise} } break;`);
    lines.push(`  default: ${otherwise}`, '}');
    return lines;
  }

  /** Statements appending `"name":value` to `s`, or nothing when the value is omitted. */
  private propertySource(name: string, schema: unknown, first: boolean, depth: number): string[] {
    const key = stringify(name);
    // Expression for the literal `,"name":<text>`, adapted to the state `c` (see objectSource).
    // The first declared property starts the output itself: one concatenation fewer.
    const prefix = (text: string): string =>
      first
        ? lit(`{${key}:${text}`)
        : `(c === 2 ? ${lit(`",${key}:${text}`)} : c === 1 ? ${lit(`,${key}:${text}`)} : ${lit(`${key}:${text}`)})`;
    const append = (expression: string, state: 1 | 2 = 1): string => `s ${first ? '=' : '+='} ${expression}; c = ${state};`;
    // For values that may serialize to nothing (undefined, functions, symbols, toJSON results).
    const appendIfDefined = (call: string): string => `x = ${call}; if (x !== undefined) { ${append(`${prefix('')} + x`)} }`;
    const propertySchema: JsonSchema = isSchemaObject(schema) ? schema : {};
    const types = declaredTypes(propertySchema);
    const branches: string[] = [];
    if (types.has('string')) {
      // Strings without characters JSON must escape are copied between quotes as they are.
      branches.push(
        `if (typeof v === "string") { if (SAFE.test(v)) { ${append(`${prefix('"')} + v`, 2)} } else { ${append(`${prefix('')} + S(v)`)} } }`,
      );
    }
    if (types.has('number') || types.has('integer')) {
      // `v - v === 0` is false exactly for NaN and ±Infinity, which JSON writes as null.
      // Finite numbers print like JSON.stringify prints them (also -0 -> 0, 1e21 -> 1e+21).
      branches.push(
        `if (typeof v === "number") { if (v - v === 0) { ${append(`${prefix('')} + v`)} } else { ${append(prefix('null'))} } }`,
      );
    }
    if (types.has('boolean')) branches.push(`if (typeof v === "boolean") { ${append(`v ? ${prefix('true')} : ${prefix('false')}`)} }`);
    const child = types.size === 0 || types.has('object') ? this.objectFunction(propertySchema, depth + 1) : undefined;
    if (child !== undefined) {
      branches.push(`if (typeof v === "object" && v !== null && !Array.isArray(v)) { ${appendIfDefined(`${child}(v, ${lit(name)})`)} }`);
    }
    const array =
      (types.size === 0 || types.has('array')) && isSchemaObject(propertySchema.items)
        ? this.arrayFunction(propertySchema, depth)
        : undefined;
    if (array !== undefined) branches.push(`if (Array.isArray(v)) { ${appendIfDefined(`${array}(v, ${lit(name)})`)} }`);
    if (types.has('null')) branches.push(`if (v === null) { ${append(prefix('null'))} }`);
    // Everything else, including type mismatches at run time: the exact generic path.
    branches.push(`{ ${appendIfDefined(`V(v, ${lit(name)})`)} }`);
    return [`v = d[${lit(name)}];`, branches.join(' else ')];
  }
}
