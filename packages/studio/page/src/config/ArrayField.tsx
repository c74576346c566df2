/** A list of simple values (strings, numbers, choices): one input per item, add and remove. */
import { FieldProblems, type FieldProps } from './field-parts.js';
import { mainType } from './schema-fields.js';

export function ArrayField(props: FieldProps) {
  const items = Array.isArray(props.value) ? props.value : [];
  const itemSchema = props.schema.items ?? {};
  const numeric = ['integer', 'number'].includes(mainType(itemSchema) ?? '');
  const id = `field-${props.path.join('-')}`;
  const update = (next: unknown[]) => props.onChange(props.path, next.length === 0 ? undefined : next);
  return (
    <div class="field" data-field={props.path.join('.')}>
      <label for={`${id}-0`}>
        {props.schema.title ?? props.path.at(-1)}
        {props.required && <span class="required">*</span>}
      </label>
      {items.map((item, index) => (
        <div class="array-item" key={index}>
          <input
            id={`${id}-${index}`}
            type={(props.schema.airbyte_secret ? 'password' : numeric ? 'number' : 'text') as 'text'}
            value={String(item ?? '')}
            onInput={(event) => {
              const raw = (event.target as HTMLInputElement).value;
              update(items.map((old, at) => (at === index ? (numeric ? Number(raw) : raw) : old)));
            }}
          />
          <button type="button" class="small" onClick={() => update(items.filter((_, at) => at !== index))}>
            remove
          </button>
        </div>
      ))}
      <button type="button" class="small" onClick={() => update([...items, numeric ? 0 : ''])}>
        add
      </button>
      {props.schema.description && <p class="help">{props.schema.description}</p>}
      <FieldProblems problems={props.problems.get(props.path.join('.'))} />
    </div>
  );
}
