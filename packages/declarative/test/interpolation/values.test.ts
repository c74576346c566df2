// The value model: Python's repr of every type, CPython's set order (hash and table layout with
// PYTHONHASHSEED=0), contexts from JSON, and engine values back to JSON. Expected reprs are
// CPython 3.11's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CaseInsensitiveDict,
  contextFromJson,
  fromJsonValue,
  PyBytes,
  PyComplex,
  PyDict,
  PyFloat,
  PySet,
  PyTuple,
  parseJsonText,
  pythonRepr,
  pythonStr,
  StreamSlice,
  toJsonValue,
} from '../../src/interpolation/index.js';
import { pyHash } from '../../src/interpolation/values/py-hash.js';

describe('repr', () => {
  test('str: quotes and escapes as CPython chooses them', () => {
    assert.equal(pythonRepr('a\x00b\x7f\x80\xa0\xad\u2028\ud800'), "'a\\x00b\\x7f\\x80\\xa0\\xad\\u2028\\ud800'");
    assert.equal(pythonRepr("it's"), `"it's"`);
    assert.equal(pythonRepr(`both ' and "`), `'both \\' and "'`);
    assert.equal(pythonRepr('\u{1F600}'), "'\u{1F600}'");
    assert.equal(pythonRepr('\u0378'), "'\\u0378'");
    assert.equal(pythonRepr('tab\there\nnl\\'), "'tab\\there\\nnl\\\\'");
  });

  test('numbers: ints exact, floats shortest with CPython layout', () => {
    const floats: [number, string][] = [
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [1.5e-7, '1.5e-07'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [-0, '-0.0'],
      [123456789012345680, '1.2345678901234568e+17'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [Number.NaN, 'nan'],
      [-Infinity, '-inf'],
    ];
    for (const [value, text] of floats) assert.equal(pythonRepr(new PyFloat(value)), text);
    assert.equal(pythonRepr(1.5), '1.5');
    assert.equal(pythonRepr(12345678901234567890n), '12345678901234567890');
    assert.equal(pythonRepr(true), 'True');
    assert.equal(pythonRepr(null), 'None');
  });

  test('containers, bytes and complex', () => {
    assert.equal(pythonRepr([1, 'a', null, [true]]), "[1, 'a', None, [True]]");
    assert.equal(pythonRepr(new PyTuple([1])), '(1,)');
    assert.equal(pythonRepr(new PyTuple([])), '()');
    assert.equal(pythonRepr({ a: 1, b: [new PyFloat(2)] }), "{'a': 1, 'b': [2.0]}");
    const dict = new PyDict();
    dict.set(1, 'a');
    dict.set(new PyFloat(1), 'b');
    dict.set(new PyTuple([1, 2]), null);
    assert.equal(pythonRepr(dict), "{1: 'b', (1, 2): None}");
    assert.equal(pythonRepr(new PyBytes(Uint8Array.from([97, 0, 39, 34]))), `b'a\\x00\\'"'`);
    assert.equal(pythonRepr(new PyBytes(Uint8Array.from([39]))), `b"'"`);
    assert.equal(pythonRepr(new PyComplex(-0, -1)), '(-0-1j)');
    assert.equal(pythonRepr(new PyComplex(0, 1)), '1j');
    assert.equal(pythonRepr(new PyComplex(1.5, -2.5)), '(1.5-2.5j)');
    const self: unknown[] = [];
    self.push(self);
    assert.equal(pythonRepr(self as never), '[[...]]');
  });

  test('the CDK context types print as the dicts they wrap', () => {
    assert.equal(pythonRepr(new StreamSlice({ p: 1 }, { start: 'a' }, { e: 2 })), "{'p': 1, 'start': 'a'}");
    assert.equal(pythonRepr(new CaseInsensitiveDict([['Content-Type', 'x']])), "{'Content-Type': 'x'}");
    assert.equal(pythonStr(new StreamSlice({}, {})), '{}');
    // As JSON: its parts, as the corpus's contexts write it (and contextFromJson reads it back).
    assert.equal(JSON.stringify(new StreamSlice({ p: 1 }, { start: 'a' })), '{"partition":{"p":1},"cursor_slice":{"start":"a"}}');
    assert.deepEqual(JSON.parse(JSON.stringify(new StreamSlice({}, {}, { e: 2 }))), {
      partition: {},
      cursor_slice: {},
      extra_fields: { e: 2 },
    });
  });
});

describe('CPython set order', () => {
  test('str hashes are SipHash-1-3 with a zero key (PYTHONHASHSEED=0)', () => {
    assert.equal(pyHash('record'), 16508047943229760835n);
    assert.equal(pyHash('stream_slice'), 2514270868700378387n);
    assert.equal(pyHash(''), 0n);
    assert.equal(pyHash('héllo'), 6395329678795984700n);
    assert.equal(pyHash('€uro'), 7542247858446192590n);
    assert.equal(pyHash('x'.repeat(20)), 3641836881806154204n);
    assert.equal(pyHash(new PyFloat(1.5)), 1152921504606846977n);
    assert.equal(pyHash(new PyFloat(-2.25)), 17870283321406128126n);
    assert.equal(pyHash(new PyTuple([1, 'a'])), 3906047847676358913n);
    assert.equal(pyHash(new PyBytes(Uint8Array.from([97, 98]))), 6148830537548944441n);
  });

  test('sets iterate in table order', () => {
    assert.equal(pythonRepr(new PySet(['b', 'a', 'c'])), "{'c', 'a', 'b'}");
    assert.equal(pythonRepr(new PySet([3, 1, 2, 10, 100, 1000, 8, 16])), '{1, 2, 3, 100, 1000, 8, 10, 16}');
    assert.equal(pythonRepr(new PySet([new PyFloat(1.5), new PyFloat(2.5), -1])), '{1.5, 2.5, -1}');
    assert.equal(pythonRepr(new PySet(['x', 'y'], true)), "frozenset({'y', 'x'})");
    assert.equal(pythonRepr(new PySet(['record', 'stream_slice', 'next_page_token'])), "{'stream_slice', 'record', 'next_page_token'}");
    assert.equal(pythonRepr(new PySet()), 'set()');
  });
});

describe('JSON in and out', () => {
  test("JSON text keeps Python's int/float distinction, exact big ints and key order", () => {
    const value = parseJsonText('{"b": 1, "a": 1.0, "big": 12345678901234567890, "2": [1e3, -0, true, null]}');
    assert.ok(value instanceof PyDict, 'a numeric-looking key keeps insertion order in a PyDict');
    assert.equal(pythonRepr(value), "{'b': 1, 'a': 1.0, 'big': 12345678901234567890, '2': [1000.0, 0, True, None]}");
    assert.equal(pythonRepr(parseJsonText('{"x": "\\u00e9\\n"}')), "{'x': 'é\\n'}");
    assert.throws(() => parseJsonText('{"a": 1,}'), /Expecting property name/);
    assert.throws(() => parseJsonText('[1] 2'), /Extra data/);
  });

  test('contexts from JSON build StreamSlice and CaseInsensitiveDict values', () => {
    const ctx = contextFromJson(
      '{"config": {"n": 1.0}, "stream_slice": {"__type__": "StreamSlice", "partition": {"p": 1}, "cursor_slice": {"s": 2}, "extra_fields": {"e": 3}}, "headers": {"__type__": "CaseInsensitiveDict", "items": {"X-Next": "h"}}}',
    );
    assert.ok(ctx.stream_slice instanceof StreamSlice);
    assert.equal(pythonRepr(ctx.stream_slice), "{'p': 1, 's': 2}");
    assert.ok(ctx.headers instanceof CaseInsensitiveDict);
    assert.equal(ctx.headers.get('x-next'), 'h');
    assert.equal(pythonRepr(ctx.config), "{'n': 1.0}");
    assert.throws(() => contextFromJson('{"x": {"__type__": "Mystery"}}'), /unknown __type__ "Mystery"/);
    assert.throws(
      () => contextFromJson('{"stream_slice": {"__type__": "StreamSlice", "partition": {"k": 1}, "cursor_slice": {"k": 2}}}'),
      /Keys for partition and incremental sync cursor should not overlap/,
    );
  });

  test('JavaScript values are checked, not copied', () => {
    const config = { a: [1, { b: 'x' }], c: undefined };
    assert.equal(fromJsonValue(config), config);
    assert.deepEqual(Object.keys(config), ['a']);
    assert.throws(() => fromJsonValue({ when: new Date(0) }), /cannot use a Date object as a template value/);
    assert.throws(() => fromJsonValue({ f: () => 1 }), /cannot use a JavaScript function/);
  });

  test('engine values back to JSON for requests and records', () => {
    const dict = new PyDict();
    dict.set(1, new PyTuple([new PyFloat(1), 2n ** 70n]));
    dict.set(null, new PySet(['a']));
    assert.deepEqual(toJsonValue(dict), { '1': [1, 2 ** 70], null: ['a'] });
    assert.deepEqual(toJsonValue(new StreamSlice({ p: 1 }, {})), { p: 1 });
    assert.deepEqual(toJsonValue([true, null, 'x']), [true, null, 'x']);
  });
});
