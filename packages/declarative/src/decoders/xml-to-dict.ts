// xmltodict.parse with its defaults, which the CDK's XmlDecoder uses: attributes become '@name'
// keys, an element's text (stripped) becomes its value, or '#text' when it also has attributes or
// children; a repeated element becomes a list; an empty element is None; prefixed names
// ('soap:Body') are kept as written; comments and processing instructions are dropped.
import { SaxesParser } from 'saxes';

type XmlItem = Record<string, unknown>;

interface Frame {
  item: XmlItem | null;
  data: string[];
}

/** The XML document as xmltodict gives it; throws on malformed XML (expat's ExpatError). */
export function xmlToDict(text: string): XmlItem | null {
  const parser = new SaxesParser({ xmlns: false, fragment: false });
  const stack: Frame[] = [];
  let current: Frame = { item: null, data: [] };
  parser.on('opentag', (tag) => {
    stack.push(current);
    current = { item: attributesOf(tag.attributes as Record<string, string>), data: [] };
  });
  const onText = (data: string) => {
    if (stack.length > 0) current.data.push(data);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const closing = current;
    current = stack.pop() ?? { item: null, data: [] };
    const data = closing.data.length > 0 ? pythonStrip(closing.data.join('')) || null : null;
    if (closing.item !== null) {
      if (data) pushData(closing.item, '#text', data);
      current.item = pushData(current.item, tag.name, closing.item);
    } else current.item = pushData(current.item, tag.name, data);
  });
  parser.write(text).close();
  return current.item;
}

function attributesOf(attributes: Record<string, string>): XmlItem | null {
  const names = Object.keys(attributes);
  if (names.length === 0) return null;
  const item: XmlItem = {};
  for (const name of names) define(item, `@${name}`, attributes[name]);
  return item;
}

function pushData(item: XmlItem | null, key: string, data: unknown): XmlItem {
  const target = item ?? {};
  if (Object.hasOwn(target, key)) {
    const value = target[key];
    if (Array.isArray(value)) value.push(data);
    else define(target, key, [value, data]);
  } else define(target, key, data);
  return target;
}

function define(item: XmlItem, key: string, value: unknown): void {
  Object.defineProperty(item, key, { value, writable: true, enumerable: true, configurable: true });
}

const PY_SPACE = '[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g');

/** Python's str.strip() (JavaScript's trim also strips U+FEFF, which Python keeps). */
function pythonStrip(text: string): string {
  return text.replace(PY_STRIP, '');
}
