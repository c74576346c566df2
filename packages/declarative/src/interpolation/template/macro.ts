// {% macro %}: a callable that renders its body with its parameters bound.
import { typeError } from '../errors.js';
import { PyCallable } from '../values/callable.js';
import { PyTuple } from '../values/containers.js';
import { dictFromEntries } from '../values/dict.js';
import { MISSING, type PyValue } from '../values/object.js';
import { Undefined } from '../values/undefined.js';
import { Frame } from './runtime.js';
import type { Kwargs, Runtime } from './runtime-api.js';

export interface MacroDefinition {
  readonly name: string;
  readonly params: readonly string[];
  readonly defaults: readonly ((frame: Frame) => PyValue)[];
  readonly body: (frame: Frame) => string;
  /** Which of varargs, kwargs and caller the body mentions (Jinja only binds those). */
  readonly catchVarargs: boolean;
  readonly catchKwargs: boolean;
  readonly usesCaller: boolean;
}

export class Macro extends PyCallable {
  constructor(
    readonly definition: MacroDefinition,
    private readonly scope: Frame,
    private readonly caller: PyValue | null = null,
  ) {
    super();
  }
  get pyType(): string {
    return 'Macro';
  }
  override get pyQualType(): string {
    return 'jinja2.runtime.Macro';
  }
  repr(): string {
    return `<Macro '${this.definition.name}'>`;
  }
  withCaller(caller: PyValue): Macro {
    return new Macro(this.definition, this.scope, caller);
  }
  call(args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
    const { name, params, defaults, catchVarargs, catchKwargs } = this.definition;
    const frame = new Frame(this.scope.rt, this.scope);
    if (args.length > params.length && !catchVarargs) {
      throw typeError(`macro '${name}' takes not more than ${params.length} argument(s)`);
    }
    const extra = new Map(kwargs ?? []);
    const firstDefault = params.length - defaults.length;
    params.forEach((param, i) => {
      let value: PyValue;
      if (i < args.length) {
        if (extra.has(param)) throw typeError(`macro '${name}' got multiple values for argument '${param}'`);
        value = args[i];
      } else if (extra.has(param)) {
        value = extra.get(param)!;
        extra.delete(param);
      } else if (i >= firstDefault) value = defaults[i - firstDefault](frame);
      else value = new Undefined(`parameter '${param}' was not provided`, MISSING, param);
      frame.set(param, value);
    });
    if (catchVarargs) frame.set('varargs', new PyTuple(args.slice(params.length)));
    if (catchKwargs) frame.set('kwargs', dictFromEntries(extra));
    else if (extra.size) throw typeError(`macro '${name}' takes no keyword argument '${[...extra.keys()][0]}'`);
    if (this.definition.usesCaller) frame.set('caller', this.caller ?? new Undefined('No caller defined'));
    rt.budget.enter();
    try {
      return this.definition.body(frame);
    } finally {
      rt.budget.leave();
    }
  }
}
