import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SECRET_MASK, SecretMasker } from '../../src/output/secret-masker.js';

function maskerWith(...secrets: unknown[]): SecretMasker {
  const masker = new SecretMasker();
  for (const secret of secrets) masker.add(secret);
  return masker;
}

describe('mask', () => {
  test('replaces every occurrence of a secret with ****', () => {
    const masker = maskerWith('hunter2');
    assert.equal(SECRET_MASK, '****');
    assert.equal(masker.mask('password=hunter2, again hunter2'), 'password=****, again ****');
  });

  test('leaves text without secrets unchanged, also when no secret is known', () => {
    assert.equal(new SecretMasker().mask('nothing to hide'), 'nothing to hide');
    assert.equal(maskerWith('hunter2').mask('nothing to hide'), 'nothing to hide');
  });

  test('masks the JSON-escaped form of a secret', () => {
    const secret = 'pa"ss\\word\n';
    const masker = maskerWith(secret);
    const body = JSON.stringify({ password: secret });
    assert.equal(masker.mask(body), '{"password":"****"}');
  });

  test('masks the URL-encoded form of a secret', () => {
    const secret = 'p@ss word/+?&=';
    const masker = maskerWith(secret);
    const url = `https://api.example.com/items?key=${encodeURIComponent(secret)}&page=2`;
    assert.equal(masker.mask(url), 'https://api.example.com/items?key=****&page=2');
  });

  test("masks the form-encoded spelling used by URLSearchParams (spaces as +, !'()~ escaped)", () => {
    const secret = "s3cret pass!(it's)~";
    const masker = maskerWith(secret);
    const url = new URL('https://api.example.com/token');
    url.searchParams.set('client_secret', secret);
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_secret: secret }).toString();
    assert.equal(masker.mask(url.href), 'https://api.example.com/token?client_secret=****');
    assert.equal(masker.mask(body), 'grant_type=client_credentials&client_secret=****');
  });

  test('escapes regular expression characters in secrets', () => {
    const masker = maskerWith('a.b*c', '(x|y)');
    assert.equal(masker.mask('aXbbc a.b*c x y (x|y)'), 'aXbbc **** x y ****');
  });

  test('a secret containing another is masked whole, whatever the order they were added in', () => {
    for (const order of [
      ['abc', 'abcdef'],
      ['abcdef', 'abc'],
    ]) {
      const masker = maskerWith(...order);
      assert.equal(masker.mask('token abcdef and abc'), 'token **** and ****', order.join(', '));
    }
  });

  test('numbers are secrets too, matched as text', () => {
    const masker = maskerWith(987654321);
    assert.equal(masker.mask('pin 987654321 in "987654321"'), 'pin **** in "****"');
  });

  test('empty, null and undefined secrets are ignored', () => {
    const masker = maskerWith('', null, undefined);
    assert.equal(masker.size, 0);
    assert.equal(masker.mask('abc'), 'abc');
  });

  test('secrets added after the first mask() are masked too', () => {
    const masker = maskerWith('first');
    assert.equal(masker.mask('first second'), '**** second');
    masker.add('second');
    assert.equal(masker.mask('first second'), '**** ****');
  });
});

describe('maskDeep', () => {
  test('masks strings at any depth and leaves other values alone', () => {
    const masker = maskerWith('hunter2');
    const message = {
      type: 'LOG',
      log: { level: 'INFO', message: 'login with hunter2', count: 3, ok: true, none: null },
      list: ['hunter2', 7, { nested: 'x hunter2 y' }],
    };
    assert.deepEqual(masker.maskDeep(message), {
      type: 'LOG',
      log: { level: 'INFO', message: 'login with ****', count: 3, ok: true, none: null },
      list: ['****', 7, { nested: 'x **** y' }],
    });
  });

  test('does not mutate its input', () => {
    const masker = maskerWith('hunter2');
    const input = { a: 'hunter2', b: ['hunter2'], c: { d: 'hunter2' } };
    const copy = structuredClone(input);
    const output = masker.maskDeep(input);
    assert.deepEqual(input, copy);
    assert.notEqual(output, input);
    assert.notEqual(output.b, input.b);
    assert.notEqual(output.c, input.c);
  });

  test('does not mask number values equal to a numeric secret (only strings are masked)', () => {
    const masker = maskerWith(1234);
    assert.deepEqual(masker.maskDeep({ pin: 1234, text: 'pin 1234' }), { pin: 1234, text: 'pin ****' });
  });

  test('masks a top-level string', () => {
    assert.equal(maskerWith('hunter2').maskDeep('hunter2!'), '****!');
  });
});

test('whitespace-only secrets are ignored: masking every space would garble everything and hide nothing', () => {
  const masker = new SecretMasker();
  masker.add(' ');
  masker.add('\t\n');
  assert.equal(masker.size, 0);
  assert.equal(masker.mask('a b c'), 'a b c');
});
