/** Reading a spec's JSON Schema the way Airbyte's config forms do: field order, oneOf choices, defaults, secrets. */

export interface FieldSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  oneOf?: FieldSchema[];
  anyOf?: FieldSchema[];
  order?: number;
  airbyte_secret?: boolean;
  multiline?: boolean;
  format?: string;
  pattern?: string;
  pattern_descriptor?: string;
  minimum?: number;
  maximum?: number;
  always_show?: boolean;
}

export type Value = unknown;
export type ValueObject = Record<string, Value>;

/** The properties of an object schema in display order: by `order`, then as declared. */
export function orderedProperties(schema: FieldSchema): [string, FieldSchema][] {
  const entries = Object.entries(schema.properties ?? {});
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry[1].order ?? Number.MAX_SAFE_INTEGER) - (b.entry[1].order ?? Number.MAX_SAFE_INTEGER) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** The type of a field, `null` left out of a union (`["null", "string"]` is a string field). */
export function mainType(schema: FieldSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  if (schema.type !== undefined) return schema.type;
  if (schema.properties !== undefined) return 'object';
  if (schema.enum !== undefined) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  return undefined;
}

/** The alternatives of a `oneOf` (or `anyOf`) field. */
export function choicesOf(schema: FieldSchema): FieldSchema[] | undefined {
  const choices = schema.oneOf ?? schema.anyOf;
  return choices !== undefined && choices.length > 0 ? choices : undefined;
}

/** How an alternative is named: its title, else the constant it sets, else its position. */
export function choiceTitle(choice: FieldSchema, index: number): string {
  if (choice.title) return choice.title;
  for (const property of Object.values(choice.properties ?? {})) if (property.const !== undefined) return String(property.const);
  return `Option ${index + 1}`;
}

/** The alternative a value stands for: the one whose constants it has, else the one whose required fields it has. */
export function chosenIndex(choices: FieldSchema[], value: Value): number {
  if (typeof value !== 'object' || value === null) return 0;
  const object = value as ValueObject;
  const byConst = choices.findIndex((choice) => {
    const constants = Object.entries(choice.properties ?? {}).filter(([, property]) => property.const !== undefined);
    return constants.length > 0 && constants.every(([key, property]) => object[key] === property.const);
  });
  if (byConst >= 0) return byConst;
  const byRequired = choices.findIndex((choice) => (choice.required ?? []).every((key) => key in object));
  return Math.max(0, byRequired);
}

/** A value filled with the schema's defaults and constants, for a new config or a newly chosen alternative. */
export function initialValue(schema: FieldSchema): Value {
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return structuredClone(schema.default);
  const choices = choicesOf(schema);
  if (choices !== undefined) return initialValue({ type: 'object', ...choices[0] });
  if (mainType(schema) !== 'object') return undefined;
  const object: ValueObject = {};
  for (const [key, property] of orderedProperties(schema)) {
    const value = initialValue(property);
    if (value !== undefined) object[key] = value;
  }
  return object;
}

/** A copy of `root` with `value` at `path` (undefined removes the key). */
export function setIn(root: Value, path: readonly (string | number)[], value: Value): Value {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...root] : [];
    list[head] = setIn(list[head], rest, value);
    return list;
  }
  const object: ValueObject = typeof root === 'object' && root !== null && !Array.isArray(root) ? { ...(root as ValueObject) } : {};
  const next = setIn(object[head as string], rest, value);
  if (next === undefined) delete object[head as string];
  else object[head as string] = next;
  return object;
}
