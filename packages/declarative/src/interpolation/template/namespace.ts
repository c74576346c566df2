// Jinja's namespace(): an object whose attributes {% set ns.attr = ... %} can assign across scopes.
import { dictRepr } from '../values/dict.js';
import { MISSING, type Missing, PyObject, type PyValue, type ReprFn } from '../values/object.js';

export class Namespace extends PyObject {
  readonly values = new Map<string, PyValue>();

  get pyType(): string {
    return 'Namespace';
  }
  override get pyQualType(): string {
    return 'jinja2.utils.Namespace';
  }
  repr(recur: ReprFn): string {
    return `<Namespace ${dictRepr([...this.values.entries()], recur)}>`;
  }
  override attribute(name: string): PyValue | Missing {
    const value = this.values.get(name);
    return value === undefined ? MISSING : value;
  }
}
