import type { ConfiguredAirbyteCatalog } from '../protocol/types.js';

/**
 * One command with its inputs. Inputs are loaders, so the CLI reads files (and names them in
 * errors) while an in-process caller hands over values; both go through the same checks.
 */
export type CommandRequest =
  | { command: 'spec' }
  | { command: 'check' | 'discover'; config: () => Promise<Record<string, unknown>>; configLabel: string }
  | {
      command: 'read';
      config: () => Promise<Record<string, unknown>>;
      /** How error messages name the config input (`config file 'x.json'`). */
      configLabel: string;
      catalog: () => Promise<ConfiguredAirbyteCatalog>;
      state?: () => Promise<unknown>;
      /** How error messages name the state input (`state file 'x.json'`). */
      stateLabel: string;
    };
