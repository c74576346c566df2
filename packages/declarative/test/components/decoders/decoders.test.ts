/** Decoders: each format gives exactly the items the Python CDK's decoders give. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import type { CompositeRawDecoder } from '../../../src/decoders/composite-raw-decoder.js';
import { createDecoder } from '../../../src/decoders/create-decoder.js';
import { CsvParser } from '../../../src/decoders/csv-parser.js';
import { type DecodedValue, type Decoder, headerLookup, NO_HEADERS } from '../../../src/decoders/decoder.js';
import { GzipParser } from '../../../src/decoders/gzip-parser.js';
import { JsonDecoder } from '../../../src/decoders/json-decoder.js';
import { JsonLineParser } from '../../../src/decoders/json-line-parser.js';
import { JsonParser } from '../../../src/decoders/json-parser.js';
import { decodeForPagination } from '../../../src/decoders/pagination-decoder.js';
import { xmlToDict } from '../../../src/decoders/xml-to-dict.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const decode = (decoder: Decoder, body: Uint8Array | string, headers = NO_HEADERS) => [
  ...decoder.decode({ body: typeof body === 'string' ? bytes(body) : body, headers }),
];

async function* chunked(body: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

async function decodeStreamed(decoder: Decoder, body: Uint8Array | string, size: number, headers = NO_HEADERS): Promise<DecodedValue[]> {
  const out: DecodedValue[] = [];
  for await (const batch of decoder.decodeChunks(chunked(typeof body === 'string' ? bytes(body) : body, size), headers)) out.push(...batch);
  return out;
}

describe('JsonDecoder', () => {
  const cases: [string, string, DecodedValue[]][] = [
    ['an object is one item', '{"data": [{"id": 1}]}', [{ data: [{ id: 1 }] }]],
    ['a top-level array gives each element', '[{"id": 1}, {"id": 2}]', [{ id: 1 }, { id: 2 }]],
    ['an empty array gives an empty object', '[]', [{}]],
    ['an empty object is one empty item', '{}', [{}]],
    ['a body that is not JSON gives {} twice, as the CDK', 'not json', [{}, {}]],
    ['an empty body is not JSON', '', [{}, {}]],
    ['null fails the parser', 'null', [{}, {}]],
    ['NaN and Infinity are read as Python json reads them', '{"a": NaN, "b": Infinity}', [{ a: Number.NaN, b: Number.POSITIVE_INFINITY }]],
  ];
  for (const [name, body, expected] of cases) test(name, () => assert.deepEqual(decode(new JsonDecoder(), body), expected));

  test('pagination reads the first item', () => {
    assert.deepEqual(decodeForPagination(new JsonDecoder(), { body: bytes('[{"a":1},{"a":2}]'), headers: NO_HEADERS }), { a: 1 });
  });
});

describe('JsonParser', () => {
  test('fails the read on a body that is not JSON', () => {
    assert.throws(() => new JsonParser().parseAll(bytes('{')), /Response JSON data failed to be parsed/);
  });
});

describe('JSON lines', () => {
  const body = '{"id": 1}\n{"id": 2}\n\nnot json\n{"id": 3}';
  test('one item per line; bad lines are skipped with a warning', () => {
    const warnings: string[] = [];
    assert.deepEqual(new JsonLineParser('utf-8', (w) => warnings.push(w)).parseAll(bytes(body)), [{ id: 1 }, { id: 2 }, { id: 3 }]);
    assert.equal(warnings.length, 2);
  });
  test('streamed in chunks that cut lines anywhere, the same items', async () => {
    const decoder = createDecoder({ type: 'JsonlDecoder' });
    assert.equal(decoder.streaming, true);
    for (const size of [1, 3, 7, 100]) assert.deepEqual(await decodeStreamed(decoder, body, size), [{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
});

describe('CSV (csv.DictReader)', () => {
  const parse = (text: string, options = {}) => new CsvParser(options).parseAll(bytes(text));
  test('the header row names the fields', () => {
    assert.deepEqual(parse('id,name\n1,a\n2,b\n'), [
      { id: '1', name: 'a' },
      { id: '2', name: 'b' },
    ]);
  });
  test('quoted fields hold delimiters, doubled quotes and newlines (CRLF read as \\n)', () => {
    assert.deepEqual(parse('a,b\r\n"x,y","he said ""hi""\r\nbye"\r\n'), [{ a: 'x,y', b: 'he said "hi"\nbye' }]);
  });
  test('a quote inside an unquoted field is kept; text after a closing quote is appended', () => {
    assert.deepEqual(parse('a,b\nx"y,"q"z\n'), [{ a: 'x"y', b: 'qz' }]);
  });
  test('empty rows are skipped; short rows get None; long rows keep the rest under None', () => {
    assert.deepEqual(parse('a,b\n\n1\n1,2,3,4\n'), [
      { a: '1', b: null },
      { a: '1', b: '2', null: ['3', '4'] },
    ]);
  });
  test('set_values_to_none, an escaped tab delimiter and a latin-1 encoding', () => {
    const body = Buffer.from('a\tb\nNA\t\xe9\n', 'latin1');
    assert.deepEqual(new CsvParser({ delimiter: '\\t', encoding: 'latin-1', setValuesToNone: ['NA'] }).parseAll(body), [
      { a: null, b: 'é' },
    ]);
  });
  test('a last line without newline and an unterminated quote at the end are rows', () => {
    assert.deepEqual(parse('a,b\n1,"x'), [{ a: '1', b: 'x' }]);
  });
  test('an empty body has no rows', () => assert.deepEqual(parse(''), []));
  test('streamed byte by byte (a multi-byte character cut in two), the same rows', async () => {
    const decoder = createDecoder({ type: 'CsvDecoder' });
    assert.deepEqual(await decodeStreamed(decoder, 'a,b\r\n"é,\r\n",2\r\n', 1), [{ a: 'é,\n', b: '2' }]);
  });
  test('a delimiter of more than one character is a config error', () => {
    assert.throws(() => new CsvParser({ delimiter: ';;' }), /1-character/);
  });
});

describe('gzip', () => {
  const body = gzipSync(bytes('{"id": 1}\n{"id": 2}\n'));
  const decoder = createDecoder({ type: 'GzipDecoder', decoder: { type: 'JsonlDecoder' } });
  test('decompressed when Content-Encoding says gzip', async () => {
    const headers = headerLookup({ 'Content-Encoding': 'gzip' });
    assert.deepEqual(decode(decoder, body, headers), [{ id: 1 }, { id: 2 }]);
    assert.deepEqual(await decodeStreamed(decoder, body, 5, headers), [{ id: 1 }, { id: 2 }]);
  });
  test('without a matching header the inner parser reads the raw body (the CDK falls back to it)', () => {
    assert.equal((decoder as CompositeRawDecoder).select(NO_HEADERS) instanceof GzipParser, false);
    assert.deepEqual(decode(decoder, '{"id": 3}\n'), [{ id: 3 }]);
  });
  test('the gzip parser passes a body without gzip magic bytes through', () => {
    assert.deepEqual(new GzipParser(new JsonParser()).parseAll(bytes('{"a":1}')), [{ a: 1 }]);
    assert.deepEqual(new GzipParser(new JsonParser()).parseAll(new Uint8Array(0)), []);
  });
  test('a multi-member gzip body is read whole', () => {
    const twoMembers = Buffer.concat([gzipSync(bytes('{"a":1}\n')), gzipSync(bytes('{"a":2}\n'))]);
    assert.deepEqual(new GzipParser(new JsonLineParser()).parseAll(twoMembers), [{ a: 1 }, { a: 2 }]);
  });
});

describe('zip', () => {
  test('every file of the archive in order, through the inner parser', () => {
    const archive = zipSync({ 'a.json': bytes('[{"id":1},{"id":2}]'), 'b.json': bytes('{"id":3}') });
    const decoder = createDecoder({ type: 'ZipfileDecoder', decoder: { type: 'JsonDecoder' } });
    assert.deepEqual(decode(decoder, archive), [{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
  test('a body that is not a zip archive fails the read', () => {
    const decoder = createDecoder({ type: 'ZipfileDecoder', decoder: { type: 'JsonDecoder' } });
    assert.throws(() => decode(decoder, 'nope'), /Received an invalid zip file in response/);
  });
  test('a file the parser cannot read names the file', () => {
    const decoder = createDecoder({ type: 'ZipfileDecoder', decoder: { type: 'JsonDecoder' } });
    assert.throws(() => decode(decoder, zipSync({ 'bad.json': bytes('{') })), /Failed to parse file: bad.json from zip file/);
  });
});

describe('XML (xmltodict)', () => {
  test('the CDK docstring example', () => {
    const xml = `<root><location id="123">
        San Francisco
      </location><item id="1" category="books"><name>Book Title 1</name><price>10.99</price></item>
      <item id="2" category="electronics"><name>Gadget</name><price>299.99</price><description>A useful gadget</description></item></root>`;
    assert.deepEqual(xmlToDict(xml), {
      root: {
        location: { '@id': '123', '#text': 'San Francisco' },
        item: [
          { '@id': '1', '@category': 'books', name: 'Book Title 1', price: '10.99' },
          { '@id': '2', '@category': 'electronics', name: 'Gadget', price: '299.99', description: 'A useful gadget' },
        ],
      },
    });
  });
  test('empty elements are None; mixed text joins around children; prefixes and CDATA are kept', () => {
    assert.deepEqual(xmlToDict('<a:r xmlns:a="urn:x"><e/><m>x<b>1</b>y</m><c><![CDATA[<raw>]]></c></a:r>'), {
      'a:r': { '@xmlns:a': 'urn:x', e: null, m: { b: '1', '#text': 'xy' }, c: '<raw>' },
    });
  });
  test('a body that is not XML gives {} and a warning', () => {
    const warnings: string[] = [];
    assert.deepEqual(
      decode(
        createDecoder({ type: 'XmlDecoder' }, (w) => warnings.push(w)),
        '<a><b></a>',
      ),
      [{}],
    );
    assert.equal(warnings.length, 1);
  });
});

describe('iterable and JSON items', () => {
  test('IterableDecoder wraps each line', async () => {
    const decoder = createDecoder({ type: 'IterableDecoder' });
    assert.deepEqual(decode(decoder, 'a\r\nb\n\nc'), [{ record: 'a' }, { record: 'b' }, { record: '' }, { record: 'c' }]);
    assert.deepEqual(await decodeStreamed(decoder, 'a\r\nb\n\nc', 2), [{ record: 'a' }, { record: 'b' }, { record: '' }, { record: 'c' }]);
  });
  test('JsonItemsDecoder yields the elements of the array at items_path', () => {
    const decoder = createDecoder({ type: 'JsonItemsDecoder', items_path: 'data.users' });
    assert.deepEqual(decode(decoder, '{"data":{"users":[{"id":1},{"id":2}]}}'), [{ id: 1 }, { id: 2 }]);
  });
  test('a custom decoder is a config error', () => {
    assert.throws(() => createDecoder({ type: 'CustomDecoder', class_name: 'x.Y' }), /custom Python components/);
  });
});
