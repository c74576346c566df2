/** A config form generated from the spec's JSON Schema, with the CDK's problems beside their fields. */
import { ArrayField } from './ArrayField.js';
import { FieldProblems, type FieldProps } from './field-parts.js';
import { ScalarField } from './ScalarField.js';
import {
  choicesOf,
  choiceTitle,
  chosenIndex,
  type FieldSchema,
  initialValue,
  mainType,
  orderedProperties,
  setIn,
  type Value,
  type ValueObject,
} from './schema-fields.js';

export function SchemaForm(props: {
  schema: FieldSchema;
  value: ValueObject;
  problems: ReadonlyMap<string, string[]>;
  onChange: (value: ValueObject) => void;
}) {
  const change = (path: string[], value: Value) => props.onChange(setIn(props.value, path, value) as ValueObject);
  return (
    <div class="schema-form">
      <ObjectFields schema={props.schema} path={[]} value={props.value} required={true} problems={props.problems} onChange={change} />
    </div>
  );
}

export function Field(props: FieldProps) {
  const choices = choicesOf(props.schema);
  if (choices !== undefined) return <ChoiceField {...props} choices={choices} />;
  const type = mainType(props.schema);
  if (type === 'object' && props.schema.properties !== undefined) {
    return (
      <fieldset class="field-group" data-field={props.path.join('.')}>
        <legend>{props.schema.title ?? props.path.at(-1)}</legend>
        {props.schema.description && <p class="help">{props.schema.description}</p>}
        <ObjectFields {...props} />
      </fieldset>
    );
  }
  if (type === 'array' && props.schema.items !== undefined && mainType(props.schema.items) !== 'object') return <ArrayField {...props} />;
  return <ScalarField {...props} />;
}

function ObjectFields(props: FieldProps) {
  const object = (typeof props.value === 'object' && props.value !== null ? props.value : {}) as ValueObject;
  const required = new Set(props.schema.required ?? []);
  return (
    <>
      {orderedProperties(props.schema)
        .filter(([, property]) => property.const === undefined)
        .map(([key, property]) => (
          <Field
            key={key}
            schema={property}
            path={[...props.path, key]}
            value={object[key]}
            required={required.has(key)}
            problems={props.problems}
            onChange={props.onChange}
          />
        ))}
    </>
  );
}

function ChoiceField(props: FieldProps & { choices: FieldSchema[] }) {
  const chosen = chosenIndex(props.choices, props.value);
  const id = `field-${props.path.join('-')}`;
  const choose = (index: number) => props.onChange(props.path, initialValue({ type: 'object', ...props.choices[index] }));
  const choice = props.choices[chosen]!;
  return (
    <fieldset class="field-group" data-field={props.path.join('.')}>
      <legend>
        <label for={id}>{props.schema.title ?? props.path.at(-1)}</label>
        {props.required && <span class="required">*</span>}
      </legend>
      {props.schema.description && <p class="help">{props.schema.description}</p>}
      <select id={id} value={String(chosen)} onChange={(event) => choose(Number((event.target as HTMLSelectElement).value))}>
        {props.choices.map((option, index) => (
          <option key={index} value={String(index)}>
            {choiceTitle(option, index)}
          </option>
        ))}
      </select>
      <ObjectFields {...props} schema={{ type: 'object', ...choice }} />
      <FieldProblems problems={props.problems.get(props.path.join('.'))} />
    </fieldset>
  );
}
