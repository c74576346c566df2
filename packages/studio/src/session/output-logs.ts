/** What the connector printed (stdout, stderr) joins a command's logs, as `OUTPUT` lines. */
import type { LogView } from '../api/types.js';

export function withOutput<T extends { logs: LogView[] }>(view: T, output: readonly string[]): T {
  if (output.length === 0) return view;
  return { ...view, logs: [...view.logs, ...output.map((message) => ({ level: 'OUTPUT', message }))] };
}
