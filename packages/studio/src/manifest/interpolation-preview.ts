/**
 * The value of a manifest template in the context of a test read, as the runtime would evaluate
 * it: `config` (the saved config), `parameters` (the `$parameters` of the components around the
 * template, inner ones winning), and from the read: the first slice (`stream_slice`, and so
 * `stream_partition` and `stream_interval`), the first page's response (`response`, `headers`)
 * and its records (`record`, `last_record`, `last_page_size`). Secrets of the config are masked
 * in the answer.
 */
import type { JsonSchema } from '@tributary/cdk';
import { SecretMasker, secretFields } from '@tributary/cdk/runtime';
import { contextFromJson, interpolate, loadYaml, pythonRepr, pythonTypeName, toJsonValue } from '@tributary/declarative';
import type { InterpolateRequest, InterpolateView, Json, JsonObject, ReadRunView } from '../api/types.js';
import { readContext } from './read-context.js';

export interface PreviewInputs {
  manifestText: string;
  config: JsonObject;
  spec: JsonSchema | null;
  run: ReadRunView | undefined;
  /** The whole text of a cut response body of the run. */
  fullBody: (id: string) => string | undefined;
}

export function previewTemplate(request: InterpolateRequest, inputs: PreviewInputs): InterpolateView {
  const masker = new SecretMasker();
  for (const field of inputs.spec === null ? [] : secretFields(inputs.spec, inputs.config)) masker.add(field.value);
  const json: Record<string, unknown> = {
    config: inputs.config,
    parameters: parametersAround(inputs.manifestText, request.path ?? []),
    ...(inputs.run === undefined ? {} : readContext(inputs.run, inputs.fullBody)),
  };
  const context = Object.keys(json);
  try {
    const value = interpolate(request.template, contextFromJson(json));
    return {
      value: masker.maskDeep(toJsonValue(value)) as Json,
      repr: masker.mask(pythonRepr(value)),
      type: pythonTypeName(value),
      context,
    };
  } catch (error) {
    return { error: masker.mask(error instanceof Error ? error.message : String(error)), context };
  }
}

/** The `$parameters` in effect at `path`: those of each mapping on the way, the innermost winning. */
function parametersAround(text: string, path: readonly (string | number)[]): Record<string, unknown> {
  let node: unknown;
  try {
    node = loadYaml(text);
  } catch {
    return {};
  }
  const merged: Record<string, unknown> = {};
  const collect = (value: unknown) => {
    const parameters = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).$parameters : undefined;
    if (typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters)) Object.assign(merged, parameters);
  };
  collect(node);
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) break;
    node = (node as Record<string | number, unknown>)[key];
    collect(node);
  }
  return merged;
}
