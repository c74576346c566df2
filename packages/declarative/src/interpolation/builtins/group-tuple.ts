// groupby's result items: a namedtuple (grouper, list) in Jinja, printed as a plain tuple.
import { PyTuple } from '../values/containers.js';
import { MISSING, type Missing, type PyValue } from '../values/object.js';

export class GroupTuple extends PyTuple {
  constructor(grouper: PyValue, list: PyValue[]) {
    super([grouper, list]);
  }
  override get pyType(): string {
    return '_GroupTuple';
  }
  override get pyQualType(): string {
    return 'jinja2.filters._GroupTuple';
  }
  override attribute(name: string): PyValue | Missing {
    if (name === 'grouper') return this.items[0];
    if (name === 'list') return this.items[1];
    return MISSING;
  }
}
