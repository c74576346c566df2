/**
 * Records as a table that stays smooth with thousands of rows: rows have one height and only
 * those in view (and a few around) are in the page. Objects and arrays show as `{3}` / `[5]`;
 * clicking one opens it as a tree under the table.
 */
import { useMemo, useState } from 'preact/hooks';
import type { JsonObject } from '../api/client.js';
import { JsonTree } from '../common/JsonTree.js';

const ROW_HEIGHT = 28;
const VIEW_HEIGHT = 420;
const OVERSCAN = 10;
const MAX_COLUMNS = 40;

export function RecordsTable(props: { records: readonly JsonObject[]; firstIndex: number }) {
  const [scrollTop, setScrollTop] = useState(0);
  const [opened, setOpened] = useState<{ row: number; column: string } | undefined>();
  const columns = useMemo(() => columnsOf(props.records), [props.records]);
  if (props.records.length === 0) return <p class="muted">No records.</p>;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(props.records.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const template = `4.5rem repeat(${columns.length}, minmax(8rem, 1fr))`;
  return (
    <div class="records">
      <div
        class="records-scroll"
        style={{ height: `${Math.min(VIEW_HEIGHT, (props.records.length + 1) * ROW_HEIGHT + 2)}px` }}
        onScroll={(event) => setScrollTop((event.target as HTMLElement).scrollTop)}
        data-testid="records"
        data-rowcount={props.records.length}
      >
        <div class="records-row records-header" style={{ gridTemplateColumns: template }}>
          <span>#</span>
          {columns.map((column) => (
            <span key={column} title={column}>
              {column}
            </span>
          ))}
        </div>
        <div style={{ height: `${props.records.length * ROW_HEIGHT}px`, position: 'relative' }}>
          {props.records.slice(first, last).map((record, offset) => {
            const row = first + offset;
            return (
              <div
                key={row}
                class="records-row"
                style={{ gridTemplateColumns: template, position: 'absolute', top: `${row * ROW_HEIGHT}px`, left: 0, right: 0 }}
              >
                <span class="muted">{props.firstIndex + row + 1}</span>
                {columns.map((column) => (
                  <Cell key={column} value={record[column]} onOpen={() => setOpened({ row, column })} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {opened !== undefined && props.records[opened.row] !== undefined && (
        <div class="record-detail">
          <header>
            Record {props.firstIndex + opened.row + 1} · <span class="mono">{opened.column}</span>
            <button type="button" class="small" onClick={() => setOpened(undefined)}>
              close
            </button>
          </header>
          <JsonTree value={props.records[opened.row]![opened.column]} name={opened.column} open={true} />
        </div>
      )}
    </div>
  );
}

function Cell(props: { value: unknown; onOpen: () => void }) {
  const { value } = props;
  if (typeof value === 'object' && value !== null) {
    const size = Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
    return (
      <span>
        <button type="button" class="nested" onClick={props.onOpen} title="open">
          {size}
        </button>
      </span>
    );
  }
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <span class={value === null ? 'json-null' : ''} title={text}>
      {value === null ? 'null' : text}
    </span>
  );
}

/** The records' top-level fields, in the order they first appear. */
function columnsOf(records: readonly JsonObject[]): string[] {
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) seen.add(key);
    if (seen.size >= MAX_COLUMNS) break;
  }
  return [...seen].slice(0, MAX_COLUMNS);
}
