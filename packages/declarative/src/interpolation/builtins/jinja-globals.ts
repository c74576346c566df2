// Jinja's default globals the CDK keeps (it removes `range`): dict, lipsum, cycler, joiner, namespace.
import { typeError, valueError } from '../errors.js';
import { Namespace } from '../template/namespace.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { PyBoundMethod, PyBuiltinFunction, PyCallable } from '../values/callable.js';
import { truthy } from '../values/compare.js';
import { dictFromEntries, isMapping, mappingEntries } from '../values/dict.js';
import { intOf } from '../values/number.js';
import { MISSING, type Missing, PyObject, type PyValue } from '../values/object.js';
import { bindArgs } from './args.js';

class Cycler extends PyObject {
  private position = 0;

  constructor(readonly items: readonly PyValue[]) {
    super();
  }
  get pyType(): string {
    return 'Cycler';
  }
  override get pyQualType(): string {
    return 'jinja2.utils.Cycler';
  }
  repr(): string {
    return '<jinja2.utils.Cycler object at 0x7f0000000000>';
  }
  override attribute(name: string): PyValue | Missing {
    if (name === 'current') return this.items[this.position];
    if (name === 'next') {
      return new PyBoundMethod(
        this,
        'next',
        ((self: Cycler) => {
          const value = self.items[self.position];
          self.position = (self.position + 1) % self.items.length;
          return value;
        }) as never,
        'method',
      );
    }
    if (name === 'reset') {
      return new PyBoundMethod(
        this,
        'reset',
        ((self: Cycler) => {
          self.position = 0;
          return null;
        }) as never,
        'method',
      );
    }
    if (name === 'items') return [...this.items];
    return MISSING;
  }
}

class Joiner extends PyCallable {
  private used = false;

  constructor(private readonly separator: PyValue) {
    super();
  }
  get pyType(): string {
    return 'Joiner';
  }
  override get pyQualType(): string {
    return 'jinja2.utils.Joiner';
  }
  repr(): string {
    return '<jinja2.utils.Joiner object at 0x7f0000000000>';
  }
  call(): PyValue {
    if (!this.used) {
      this.used = true;
      return '';
    }
    return this.separator;
  }
}

const WORDS =
  'a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum blandit class commodo condimentum congue consectetuer consequat conubia convallis cras cubilia cum curabitur curae cursus dapibus diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum elit enim erat eros est et etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas magna magnis malesuada massa mattis mauris metus mi molestie mollis montes morbi mus nam nascetur natoque nec neque netus nibh nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque penatibus per pharetra phasellus placerat platea porta porttitor posuere potenti praesent pretium primis proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit sociis sociosqu sodales sollicitudin suscipit suspendisse taciti tellus tempor tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus viverra volutpat vulputate'.split(
    ' ',
  );

function randrange(low: number, high: number): number {
  if (high <= low) throw valueError(`empty range for randrange() (${low}, ${high}, ${high - low})`);
  return low + Math.floor(Math.random() * (high - low));
}

/** Jinja's generate_lorem_ipsum: n paragraphs of min..max-1 words, with commas and sentences. */
function lipsum(n: number, html: boolean, min: number, max: number, rt: Runtime): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < n; p++) {
    let capitalize = true;
    let lastComma = 0;
    let lastFullstop = 0;
    let last = '';
    const words: string[] = [];
    const count = randrange(min, max);
    rt.budget.spend(count);
    for (let idx = 0; idx < count; idx++) {
      let word = WORDS[Math.floor(Math.random() * WORDS.length)];
      while (word === last) word = WORDS[Math.floor(Math.random() * WORDS.length)];
      last = word;
      if (capitalize) {
        word = word[0].toUpperCase() + word.slice(1);
        capitalize = false;
      }
      if (idx - randrange(3, 8) > lastComma) {
        lastComma = idx;
        lastFullstop += 2;
        word += ',';
      }
      if (idx - randrange(10, 20) > lastFullstop) {
        lastComma = lastFullstop = idx;
        word += '.';
        capitalize = true;
      }
      words.push(word);
    }
    let text = words.join(' ');
    if (text.endsWith(',')) text = `${text.slice(0, -1)}.`;
    else if (!text.endsWith('.')) text += '.';
    paragraphs.push(text);
  }
  rt.budget.checkString(paragraphs.join('').length);
  return html ? paragraphs.map((p) => `<p>${p}</p>`).join('\n') : paragraphs.join('\n\n');
}

/** Jinja's cycler, joiner and namespace are classes (type objects) in Python. */
function fn(name: string, body: (args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue): PyBuiltinFunction {
  return new PyBuiltinFunction(name, body, name === 'generate_lorem_ipsum' ? 'function' : 'type');
}

export function jinjaGlobals(): Map<string, PyValue> {
  return new Map<string, PyValue>([
    [
      'dict',
      new PyBuiltinFunction(
        'dict',
        (args, kwargs, rt) => {
          if (args.length > 1) throw typeError(`dict expected at most 1 argument, got ${args.length}`);
          const entries: [PyValue, PyValue][] = [];
          if (args.length === 1) {
            if (isMapping(args[0])) entries.push(...mappingEntries(args[0]));
            else for (const pair of rt.iterate(args[0])) entries.push(rt.iterate(pair) as [PyValue, PyValue]);
          }
          for (const entry of kwargs ?? []) entries.push(entry);
          return dictFromEntries(entries);
        },
        'type',
      ),
    ],
    [
      'lipsum',
      fn('generate_lorem_ipsum', (args, kwargs, rt) => {
        const [n, html, min, max] = bindArgs(
          'generate_lorem_ipsum',
          [
            ['n', 5],
            ['html', true],
            ['min', 20],
            ['max', 100],
          ],
          args,
          kwargs,
        );
        return lipsum(Number(intOf(n as number)), truthy(html as PyValue), Number(intOf(min as number)), Number(intOf(max as number)), rt);
      }),
    ],
    ['cycler', fn('Cycler', (args) => new Cycler(args))],
    ['joiner', fn('Joiner', (args, kwargs) => new Joiner((bindArgs('Joiner', [['sep', ', ']], args, kwargs)[0] as PyValue) ?? ', '))],
    [
      'namespace',
      fn('Namespace', (args, kwargs, rt) => {
        const ns = new Namespace();
        for (const arg of args) {
          if (!isMapping(arg)) for (const pair of rt.iterate(arg)) ns.values.set(String(rt.iterate(pair)[0]), rt.iterate(pair)[1]);
          else for (const [k, v] of mappingEntries(arg)) ns.values.set(String(k), v);
        }
        for (const [k, v] of kwargs ?? []) ns.values.set(k, v);
        return ns;
      }),
    ],
  ]);
}
