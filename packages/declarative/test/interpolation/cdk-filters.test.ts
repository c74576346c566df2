// The CDK's filters (hash, base64encode, base64decode, base64binascii_decode, string,
// regex_search, regex_replace, hmac) and the translation of Python's `re` syntax they rely on.
// Expected values are Python's (CPython 3.11 hashlib, base64, re, hmac).
import { describe, test } from 'node:test';
import { assertRaises, assertRepr, context } from './helpers.js';

const ctx = context('{"config": {}}');

describe('CDK filters', () => {
  test('hash: hashlib by name, md5 by default, with an optional salt', () => {
    assertRepr("{{ 'abc' | hash }}", "'900150983cd24fb0d6963f7d28e17f72'", ctx);
    assertRepr("{{ 'abc' | hash('sha1') }}", "'a9993e364706816aba3e25717850c26c9cd0d89d'", ctx);
    assertRepr(
      "{{ 'abc' | hash('sha512', 'pepper') }}",
      "'c14da27f6d842f624e934bd9a8d5b71e26d87a77513860ae1e196f809a89c93315a59112da7301214cb7764eac98dfe67902a1060c8f260de0c1fdb2b724d69c'",
      ctx,
    );
    assertRepr(
      "{{ 'abc' | hash('blake2b') }}",
      "'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923'",
      ctx,
    );
    assertRepr("{{ 'abc' | hash('sha3_256') }}", "'3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532'", ctx);
    assertRepr('{{ 123 | hash }}', "'202cb962ac59075b964b07152d234b70'", ctx);
    assertRaises("{{ 'abc' | hash('nope') }}", 'AttributeError', /^No hashing function named nope$/, ctx);
  });

  test('base64: encode, lenient decode, and binascii', () => {
    assertRepr("{{ 'é' | base64encode }}", "'w6k='", ctx);
    assertRepr("{{ '' | base64encode }}", 'None', ctx);
    assertRepr("{{ 'w6k=' | base64decode }}", "'é'", ctx);
    assertRepr("{{ 'YWJj!!' | base64decode }}", "'abc'", ctx);
    assertRaises("{{ 'YQ' | base64decode }}", 'Error', /^Incorrect padding$/, ctx);
    assertRaises(
      "{{ 'not base64!' | base64decode }}",
      'Error',
      /number of data characters \(9\) cannot be 1 more than a multiple of 4/,
      ctx,
    );
    assertRaises("{{ '/w==' | base64decode }}", 'UnicodeDecodeError', /'utf-8' codec can't decode/, ctx);
    assertRaises('{{ 5 | base64encode }}', 'AttributeError', /'int' object has no attribute 'encode'/, ctx);
    assertRepr("{{ 'abc' | base64binascii_decode }}", "'YWJj'", ctx);
  });

  test('string: non-strings become JSON in triple quotes, so literal_eval keeps them as text', () => {
    assertRepr("{{ [1, 'a'] | string }}", `'[1, "a"]'`, ctx);
    assertRepr('{{ 1.0 | string }}', "'1.0'", ctx);
    assertRepr("{{ {'é': none} | string }}", `'{"é": null}'`, ctx);
    assertRepr("{{ 'x' | string }}", "'x'", ctx);
  });

  test('regex_search returns the first group, "" without a match or group', () => {
    assertRepr("{{ 'id=42&x=7' | regex_search('id=(?P<id>\\\\d+)') }}", '42', ctx);
    assertRepr("{{ 'a٣b' | regex_search('(\\\\d)') }}", "'٣'", ctx);
    assertRepr("{{ 'abc\\n' | regex_search('(c)$') }}", "'c'", ctx);
    assertRepr("{{ 'ABC' | regex_search('(?i)(b)') }}", "'B'", ctx);
    assertRepr("{{ 'abc' | regex_search('\\\\A(a)') }}", "'a'", ctx);
    assertRepr("{{ 'abc' | regex_search('(?<=a)(b)') }}", "'b'", ctx);
    assertRepr("{{ 'café' | regex_search('(\\\\w+)') }}", "'café'", ctx);
    assertRepr("{{ 'a{2}' | regex_search('(a{)') }}", "'a{'", ctx);
    assertRepr("{{ 'abc' | regex_search('b') }}", 'None', ctx);
    assertRepr("{{ none | regex_search('(a)') }}", `"{{ none | regex_search('(a)') }}"`, ctx);
  });

  test("regex_replace expands Python's replacement templates", () => {
    assertRepr("{{ 'x1y22' | regex_replace('(\\\\d+)', '<\\\\1>') }}", "'x<1>y<22>'", ctx);
    assertRepr("{{ 'x1y22' | regex_replace('(?P<n>\\\\d+)', '[\\\\g<n>]') }}", "'x[1]y[22]'", ctx);
    assertRepr("{{ 'aaa' | regex_replace('a*', '-') }}", "'--'", ctx);
    assertRepr("{{ 'a.b' | regex_replace('\\\\.', '\\\\\\\\') }}", "'a\\\\b'", ctx);
    assertRaises("{{ 'x' | regex_replace('x', '\\\\q') }}", 'error', /bad escape \\q/, ctx);
    assertRaises("{{ 'ab' | regex_replace('(', 'x') }}", 'error', undefined, ctx);
  });

  test('hmac: sha256 only', () => {
    assertRepr("{{ 'msg' | hmac('key') }}", "'2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628'", ctx);
    assertRepr("{{ 5 | hmac('key') }}", "'ab20d8bbe394c193b6182ca459324966b8112064e0eb3dc53c1ac80321ffc712'", ctx);
    assertRaises("{{ 'msg' | hmac('key', 'md5') }}", 'ValueError', /^Hash type 'md5' is not allowed\. Allowed types: sha256$/, ctx);
  });

  test('sanitize_url, camel_case_to_snake_case, generate_uuid', () => {
    assertRepr(
      "{{ sanitize_url('https://example.com/path?query=value&x=a b') }}",
      "'https%3A%2F%2Fexample.com%2Fpath%3Fquery%3Dvalue%26x%3Da+b'",
      ctx,
    );
    assertRepr("{{ camel_case_to_snake_case('CamelCaseID') }}", "'camel_case_i_d'", ctx);
    assertRepr('{{ generate_uuid() | length }}', '36', ctx);
    assertRepr('{{ generate_uuid()[14] }}', '4', ctx);
  });
});
