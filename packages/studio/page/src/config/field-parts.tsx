/** What every field of the config form takes, and the problems shown under a field. */
import { SAVED_SECRET } from '../api/client.js';
import type { FieldSchema, Value } from './schema-fields.js';

export interface FieldProps {
  schema: FieldSchema;
  path: string[];
  value: Value;
  required: boolean;
  problems: ReadonlyMap<string, string[]>;
  onChange: (path: string[], value: Value) => void;
}

export function FieldProblems(props: { problems: string[] | undefined }) {
  if (props.problems === undefined || props.problems.length === 0) return null;
  return (
    <ul class="field-problems">
      {props.problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}

/** True when a secret field holds the saved value the server hides. */
export function isSavedSecret(value: Value): boolean {
  return value === SAVED_SECRET;
}
