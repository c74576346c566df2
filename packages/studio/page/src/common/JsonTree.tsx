/** A JSON value as a tree whose objects and arrays open and close. */
import { useState } from 'preact/hooks';

export function JsonTree(props: { value: unknown; name?: string; open?: boolean }) {
  const [open, setOpen] = useState(props.open ?? false);
  const { value, name } = props;
  const label = name === undefined ? null : <span class="json-key">{name}: </span>;
  if (typeof value !== 'object' || value === null) {
    return (
      <div class="json-leaf">
        {label}
        <span class={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div class="json-node">
      <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {label}
        <span class="muted">{summary}</span>
      </button>
      {open && (
        <div class="json-children">
          {entries.map(([key, item]) => (
            <JsonTree key={key} name={key} value={item} />
          ))}
        </div>
      )}
    </div>
  );
}
