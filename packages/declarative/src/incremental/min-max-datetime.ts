// The CDK's MinMaxDatetime: a datetime template (over config) parsed with its format (the cursor's
// datetime_format when it has none, else '%Y-%m-%dT%H:%M:%S.%f%z'), raised to `min_datetime` and
// lowered to `max_datetime` when those are set and not empty.
import type { MinMaxDatetime as MinMaxDatetimeModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PyDateTime } from '../interpolation/datetime/model.js';
import type { PlainDict } from '../interpolation/values/object.js';
import { compareDatetimes, parseDatetimeValue } from './datetime-format.js';

const DEFAULT_FORMAT = '%Y-%m-%dT%H:%M:%S.%f%z';

export class MinMaxDatetime {
  private readonly datetime: InterpolatedString;
  private readonly min: InterpolatedString | null;
  private readonly max: InterpolatedString | null;
  readonly format: string;

  /** From the component, or from a plain template string (the CDK's MinMaxDatetime.create). */
  constructor(model: MinMaxDatetimeModel | string, inheritedFormat: string, parameters: PlainDict = {}) {
    const component = typeof model === 'string' ? { type: 'MinMaxDatetime' as const, datetime: model } : model;
    const own = typeof model === 'string' ? parameters : { ...parameters, ...parametersOf(model) };
    this.datetime = new InterpolatedString(String(component.datetime), own);
    this.min = component.min_datetime ? new InterpolatedString(component.min_datetime, own) : null;
    this.max = component.max_datetime ? new InterpolatedString(component.max_datetime, own) : null;
    this.format = component.datetime_format || inheritedFormat || DEFAULT_FORMAT;
  }

  get(env: ComponentEnvironment): PyDateTime {
    let time = parseDatetimeValue(this.datetime.evalString(env), this.format);
    const min = this.min?.evalString(env);
    if (min) {
      const floor = parseDatetimeValue(min, this.format);
      if (compareDatetimes(floor, time) > 0) time = floor;
    }
    const max = this.max?.evalString(env);
    if (max) {
      const ceiling = parseDatetimeValue(max, this.format);
      if (compareDatetimes(ceiling, time) < 0) time = ceiling;
    }
    return time;
  }
}
