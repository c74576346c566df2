import { ownValue, setOwn } from '../json/own-property.js';
import type { AirbyteMessage } from '../protocol/types.js';
import { registerSecret } from './secret-masker.js';

/**
 * Changes a connector makes to its own config while it runs (a rotated single-use refresh
 * token, say). The platform must store them, or the next sync starts with a dead token: each
 * update is written as a CONTROL `CONNECTOR_CONFIG` message carrying the whole updated config,
 * as the Python CDK does. Entrypoints register where those messages go.
 */
type ControlSink = (message: AirbyteMessage) => void;

let current: { config: Record<string, unknown>; emit: ControlSink } | undefined;

/** @internal Called by the entrypoint once the config is loaded. */
export function observeConfig(config: Record<string, unknown>, emit: ControlSink): void {
  current = { config: structuredClone(config), emit };
}

/** @internal */
export function stopObservingConfig(): void {
  current = undefined;
}

/**
 * Merges `patch` into the running connector's config (objects merge key by key; anything else
 * replaces) and emits the CONTROL message with the full result. Every string in the patch is
 * treated as a secret from then on. Returns the updated config, or undefined when no config is
 * being observed (for example while `spec` runs).
 */
export function updateConfig(patch: Record<string, unknown>): Record<string, unknown> | undefined {
  registerStrings(patch);
  if (current === undefined) return undefined;
  current.config = mergeConfig(current.config, patch);
  current.emit({
    type: 'CONTROL',
    control: { type: 'CONNECTOR_CONFIG', emitted_at: Date.now(), connectorConfig: { config: structuredClone(current.config) } },
  });
  return structuredClone(current.config);
}

function mergeConfig(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const existing = ownValue(out, key);
    setOwn(out, key, isPlainObject(existing) && isPlainObject(value) ? mergeConfig(existing, value) : structuredClone(value));
  }
  return out;
}

function registerStrings(value: unknown): void {
  if (typeof value === 'string') registerSecret(value);
  else if (Array.isArray(value)) for (const item of value) registerStrings(item);
  else if (isPlainObject(value)) for (const item of Object.values(value)) registerStrings(item);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
