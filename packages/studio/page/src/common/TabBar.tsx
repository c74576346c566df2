/** A row of tabs: one button per `[id, label]`, the selected one marked for styles and screen readers. */
export function TabBar<Id extends string>(props: {
  tabs: readonly (readonly [Id, string])[];
  selected: Id;
  onSelect: (id: Id) => void;
  class?: string;
}) {
  return (
    <div class={props.class === undefined ? 'tabs' : `tabs ${props.class}`} role="tablist">
      {props.tabs.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={props.selected === id}
          class={props.selected === id ? 'active' : ''}
          onClick={() => props.onSelect(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
