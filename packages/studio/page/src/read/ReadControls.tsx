/** What to read: the stream, its sync mode and the limits (records, pages per slice, slices). */
import type { ReadLimitsView, StreamView } from '../api/client.js';

export interface ReadChoice {
  stream: string;
  syncMode: 'full_refresh' | 'incremental';
  limits: ReadLimitsView;
}

export const DEFAULT_LIMITS: ReadLimitsView = { records: 1000, pages: 5, slices: 5 };

export function ReadControls(props: { streams: readonly StreamView[]; choice: ReadChoice; onChange: (choice: ReadChoice) => void }) {
  const { choice } = props;
  const stream = props.streams.find((candidate) => candidate.name === choice.stream);
  const modes = stream?.syncModes ?? ['full_refresh'];
  const limit = (name: keyof ReadLimitsView, label: string) => (
    <label class="inline-field">
      {label}
      <input
        type="number"
        min={1}
        value={choice.limits[name]}
        name={`limit-${name}`}
        onInput={(event) => {
          const value = Number((event.target as HTMLInputElement).value);
          if (Number.isInteger(value) && value > 0) props.onChange({ ...choice, limits: { ...choice.limits, [name]: value } });
        }}
      />
    </label>
  );
  return (
    <div class="read-controls">
      <label class="inline-field">
        Stream
        <select
          name="stream"
          value={choice.stream}
          onChange={(event) => {
            const name = (event.target as HTMLSelectElement).value;
            const next = props.streams.find((candidate) => candidate.name === name);
            const syncMode = next?.syncModes.includes(choice.syncMode) ? choice.syncMode : 'full_refresh';
            props.onChange({ ...choice, stream: name, syncMode });
          }}
        >
          {props.streams.map((candidate) => (
            <option key={candidate.name} value={candidate.name}>
              {candidate.name}
            </option>
          ))}
        </select>
      </label>
      <label class="inline-field">
        Sync mode
        <select
          name="sync-mode"
          value={choice.syncMode}
          onChange={(event) => props.onChange({ ...choice, syncMode: (event.target as HTMLSelectElement).value as ReadChoice['syncMode'] })}
        >
          {modes.map((mode) => (
            <option key={mode} value={mode}>
              {mode}
            </option>
          ))}
        </select>
      </label>
      {limit('records', 'Records')}
      {limit('pages', 'Pages per slice')}
      {limit('slices', 'Slices')}
    </div>
  );
}
