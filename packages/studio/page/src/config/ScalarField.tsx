/** One field of a value: text, password (secrets), number, checkbox, a list of choices, or JSON for what has no form. */
import { useState } from 'preact/hooks';
import { FieldProblems, type FieldProps, isSavedSecret } from './field-parts.js';
import { mainType } from './schema-fields.js';

export function ScalarField(props: FieldProps) {
  const { schema, path } = props;
  const id = `field-${path.join('-')}`;
  const title = schema.title ?? path.at(-1) ?? '';
  return (
    <div class="field" data-field={path.join('.')}>
      <label for={id}>
        {title}
        {props.required && <span class="required">*</span>}
        {schema.airbyte_secret && <span class="badge">secret</span>}
      </label>
      <Input {...props} id={id} />
      {schema.description && <p class="help">{schema.description}</p>}
      <FieldProblems problems={props.problems.get(path.join('.'))} />
    </div>
  );
}

function Input(props: FieldProps & { id: string }) {
  const { schema, path, value, onChange, id } = props;
  const type = mainType(schema);
  const set = (next: unknown) => onChange(path, next);
  if (schema.enum !== undefined) {
    return (
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        onChange={(event) => set(enumValue(schema.enum!, (event.target as HTMLSelectElement).value))}
      >
        <option value="">(none)</option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  }
  if (type === 'boolean')
    return <input id={id} type="checkbox" checked={value === true} onChange={(event) => set((event.target as HTMLInputElement).checked)} />;
  if (type === 'integer' || type === 'number') return <NumberInput {...props} />;
  if (schema.airbyte_secret) return <SecretInput {...props} />;
  if (type === 'string' || type === undefined) {
    const placeholder = schema.examples?.[0] !== undefined ? String(schema.examples[0]) : (schema.pattern_descriptor ?? '');
    const text = typeof value === 'string' ? value : '';
    const onInput = (event: Event) =>
      set((event.target as HTMLInputElement).value === '' ? undefined : (event.target as HTMLInputElement).value);
    return schema.multiline ? (
      <textarea id={id} value={text} onInput={onInput} />
    ) : (
      <input id={id} type="text" value={text} placeholder={placeholder} onInput={onInput} />
    );
  }
  return <JsonInput {...props} />;
}

function NumberInput(props: FieldProps & { id: string }) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const shown = String(props.value ?? '') === text || (text !== '' && Number(text) === props.value) ? text : String(props.value ?? '');
  return (
    <input
      id={props.id}
      type="number"
      value={shown}
      min={props.schema.minimum}
      max={props.schema.maximum}
      step={mainType(props.schema) === 'integer' ? 1 : 'any'}
      onInput={(event) => {
        const raw = (event.target as HTMLInputElement).value;
        setText(raw);
        props.onChange(props.path, raw === '' ? undefined : Number(raw));
      }}
    />
  );
}

/** A secret: a password input; a saved secret stays hidden (empty input) until a new value is typed. */
function SecretInput(props: FieldProps & { id: string }) {
  const saved = isSavedSecret(props.value);
  return (
    <input
      id={props.id}
      type="password"
      autocomplete="off"
      value={saved || typeof props.value !== 'string' ? '' : props.value}
      placeholder={saved ? 'saved (hidden): type to replace it' : ''}
      onInput={(event) => {
        const raw = (event.target as HTMLInputElement).value;
        props.onChange(props.path, raw === '' ? undefined : raw);
      }}
    />
  );
}

function JsonInput(props: FieldProps & { id: string }) {
  const [text, setText] = useState(props.value === undefined ? '' : JSON.stringify(props.value, null, 2));
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <>
      <textarea
        id={props.id}
        class="mono"
        value={text}
        onInput={(event) => {
          const raw = (event.target as HTMLTextAreaElement).value;
          setText(raw);
          try {
            props.onChange(props.path, raw.trim() === '' ? undefined : JSON.parse(raw));
            setProblem(undefined);
          } catch (error) {
            setProblem(`not JSON yet: ${(error as Error).message}`);
          }
        }}
      />
      {problem && <p class="field-problems">{problem}</p>}
    </>
  );
}

function enumValue(options: unknown[], raw: string): unknown {
  if (raw === '') return undefined;
  return options.find((option) => String(option) === raw) ?? raw;
}
