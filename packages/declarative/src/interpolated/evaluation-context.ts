// What every declarative component evaluates its templates against: the connector config, the
// component's `$parameters` and the clock. Built once per component; per-call values (record,
// stream_slice, response, ...) are added to the context at each evaluation.
import type { Clock } from '../interpolation/clock.js';
import { systemClock } from '../interpolation/clock.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';

/** A JSON-like object whose members are template values (plain JSON data qualifies as is). */
export type TemplateValues = Readonly<Record<string, PyValue | undefined>>;

/**
 * What a component's templates are evaluated with: the config and a clock, shared by the components
 * of one source.
 */
export interface ComponentEnvironment {
  /** The connector config, as read from the config file (plain JSON). */
  readonly config: PlainDict;
  /** Where now_utc(), today_utc() and the cursors' end dates read the time. */
  readonly clock: Clock;
}

/**
 * The environment of a source's components; the clock is injectable so tests can fix `now_utc()`.
 */
export function componentEnvironment(config: Record<string, unknown>, clock: Clock = systemClock): ComponentEnvironment {
  return { config: config as PlainDict, clock };
}

/** `$parameters` of a component model (absent → empty). */
export function parametersOf(model: { $parameters?: Record<string, unknown> } | undefined): PlainDict {
  const parameters = model?.$parameters;
  return (parameters ?? {}) as PlainDict;
}

/** The context the CDK's JinjaInterpolation gets: `config`, `parameters` and the call's keyword arguments. */
export function templateContext(env: ComponentEnvironment, parameters: PlainDict, values: TemplateValues | undefined): PlainDict {
  const context: PlainDict = { config: env.config, parameters };
  if (values !== undefined) {
    for (const key of Object.keys(values)) {
      const value = values[key];
      if (value !== undefined) context[key] = value;
    }
  }
  return context;
}
