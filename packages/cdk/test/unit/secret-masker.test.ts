import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isTooShortToMask, MIN_SECRET_LENGTH, SECRET_MASK, SecretMasker } from '../../src/output/secret-masker.js';

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
    const secret = 'pa"ss\\wo\nrd';
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
      ['abcd', 'abcdefgh'],
      ['abcdefgh', 'abcd'],
    ]) {
      const masker = maskerWith(...order);
      assert.equal(masker.mask('token abcdefgh and abcd'), 'token **** and ****', order.join(', '));
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

  test('keeps keys named after built-in members, __proto__ included, as keys', () => {
    const input = JSON.parse('{"__proto__": {"note": "hunter2"}, "constructor": "hunter2", "toString": 1}');
    const output = maskerWith('hunter2').maskDeep(input);
    assert.ok(Object.hasOwn(output, '__proto__'), 'the __proto__ key is kept as an own key');
    assert.equal(Object.getPrototypeOf(output), Object.prototype);
    assert.equal(JSON.stringify(output), '{"__proto__":{"note":"****"},"constructor":"****","toString":1}');
  });
});

test('whitespace-only secrets are ignored: masking every space would garble everything and hide nothing', () => {
  const masker = new SecretMasker();
  masker.add(' ');
  masker.add('\t\n');
  assert.equal(masker.size, 0);
  assert.equal(masker.mask('a b c'), 'a b c');
});

/** `\uXXXX` for each UTF-16 unit of `text`, in lower or upper case hex. */
function unicodeEscaped(text: string, upper = false): string {
  return [...text]
    .flatMap((char) => [...Array(char.length).keys()].map((index) => char.charCodeAt(index)))
    .map((code) => `\\u${code.toString(16).padStart(4, '0')}`)
    .map((sequence) => (upper ? sequence.toUpperCase().replace('\\U', '\\u') : sequence))
    .join('');
}

describe('spellings a server may echo a secret in', () => {
  const secret = 'k3y/<a&b>"ü✓😀';

  test('every character as a JSON \\u escape, in lower or upper case hex', () => {
    const masker = maskerWith(secret);
    for (const upper of [false, true]) {
      const body = `{"error":"bad key ${unicodeEscaped(secret, upper)}"}`;
      assert.equal(masker.mask(body), '{"error":"bad key ****"}', body);
    }
  });

  test('some characters escaped and some not, as encoders escape only <, >, & or non-ASCII', () => {
    const masker = maskerWith(secret);
    // Go's encoding/json and Rails escape <, > and & as \u003c, \u003e, \u0026; others escape non-ASCII only.
    const htmlSafe = 'k3y\\/\\u003ca\\u0026b\\u003e\\"ü✓😀';
    const asciiOnly = 'k3y/<a&b>\\"\\u00fc\\u2713\\ud83d\\ude00';
    const pythonStyle = JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/');
    for (const body of [htmlSafe, asciiOnly, pythonStyle]) assert.equal(masker.mask(`key=${body};`), 'key=****;', body);
  });

  test('escaped slashes (\\/) in a URL or token', () => {
    const masker = maskerWith('https://hooks.example.com/T0/B1/xyz');
    assert.equal(masker.mask('{"url":"https:\\/\\/hooks.example.com\\/T0\\/B1\\/xyz"}'), '{"url":"****"}');
  });

  test('percent-encoded bytes in any hex case, and a form-encoded space', () => {
    const masker = maskerWith('pa ss/wörd');
    assert.equal(masker.mask('?k=pa%20ss%2fw%C3%b6rd&x'), '?k=****&x');
    assert.equal(masker.mask('k=pa+ss%2Fw%c3%b6rd'), 'k=****');
    assert.equal(masker.mask('k=%70%61%20%73%73%2F%77%C3%B6%72%64'), 'k=****', 'even characters URLs leave alone');
  });

  test('HTML entities of & < > " \'', () => {
    const masker = maskerWith('a<b>&"c\'d');
    assert.equal(masker.mask('<p>a&lt;b&gt;&amp;&quot;c&#39;d</p>'), '<p>****</p>');
    assert.equal(masker.mask('<p>a&#x3C;b&#62;&#x26;&#34;c&apos;d</p>'), '<p>****</p>');
  });

  test('whitespace inside a secret: kept, collapsed, expanded, or escaped', () => {
    const masker = maskerWith('key  with\ttab');
    for (const echo of [
      'key  with\ttab',
      'key with tab',
      'key with\n\ttab',
      'key\\u0020\\u0020with\\ttab',
      'key%20%20with%09tab',
      'key++with+tab',
    ]) {
      assert.equal(masker.mask(`[${echo}]`), '[****]', JSON.stringify(echo));
    }
  });

  test('a secret with whitespace around it is masked as configured and trimmed (a header loses that whitespace)', () => {
    const masker = maskerWith('  padded-key\t');
    assert.equal(masker.mask('sent "  padded-key\t"'), 'sent "  ****\t"');
    assert.equal(masker.mask('X-Api-Key: padded-key'), 'X-Api-Key: ****');
    assert.equal(masker.mask('key=%20%20padded-key%09'), 'key=%20%20****%09');
  });

  test('an escape or entity is masked whole, not left half-printed', () => {
    const masker = maskerWith('ends-with&');
    assert.equal(masker.mask('x ends-with&amp; y'), 'x **** y');
    assert.equal(masker.mask('x ends-with\\u0026 y'), 'x **** y');
  });

  test('isSecret recognises a secret in any of its spellings, and nothing longer', () => {
    const masker = maskerWith('s3cret/value');
    assert.ok(masker.isSecret('s3cret/value'));
    assert.ok(masker.isSecret('s3cret%2Fvalue'));
    assert.ok(masker.isSecret('s3cret\\/value'));
    assert.ok(!masker.isSecret('s3cret/value2'));
    assert.ok(!masker.isSecret('xs3cret/value'));
  });

  test('property: any secret of 4+ characters, each character spelled any way, is masked', () => {
    const spellings = (char: string): string[] => {
      const forms = [char, unicodeEscaped(char), unicodeEscaped(char, true)];
      const bytes = [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
      forms.push(bytes, bytes.toUpperCase());
      const short = JSON.stringify(char).slice(1, -1);
      if (short.startsWith('\\')) forms.push(short);
      if (char === '/') forms.push('\\/');
      if (char === ' ') forms.push('+');
      return forms;
    };
    const noLoneSurrogate = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
    fc.assert(
      fc.property(
        fc
          .string({
            unit: fc.oneof(fc.constantFrom(...' \t\n\u2028\u00a0/"\\<>&+%\''), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
            minLength: 4,
            maxLength: 24,
          })
          .filter((text) => [...text.trim()].length >= 4 && noLoneSurrogate(text)),
        fc.infiniteStream(fc.nat()),
        (secret, choices) => {
          const core = secret.trim();
          const spelled = [...core].map((char) => {
            const forms = spellings(char);
            return forms[choices.next().value % forms.length] as string;
          });
          const text = `«${spelled.join('')}»`;
          const masked = maskerWith(secret).mask(text);
          assert.equal(masked, '«****»', `secret ${JSON.stringify(secret)} spelled ${JSON.stringify(text)}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('minimum length', () => {
  test(`secrets shorter than ${MIN_SECRET_LENGTH} characters are not masked: they would garble everything`, () => {
    assert.equal(MIN_SECRET_LENGTH, 4);
    const masker = new SecretMasker();
    assert.equal(masker.add('7'), false);
    assert.equal(masker.add(' ab '), false, 'whitespace around a secret does not count');
    assert.equal(masker.add(12), false);
    assert.equal(masker.mask('http://127.0.0.1:8012/ab'), 'http://127.0.0.1:8012/ab');
    assert.equal(masker.add('abcd'), true);
    assert.equal(masker.add('😀😀😀😀'), true, 'characters are counted, not UTF-16 units');
    assert.equal(masker.mask('abcd 😀😀😀😀 abc'), '**** **** abc');
  });

  test('isTooShortToMask: 1 to 3 characters besides surrounding whitespace; empty values are not secrets at all', () => {
    assert.equal(isTooShortToMask('a'), true);
    assert.equal(isTooShortToMask(' abc '), true);
    assert.equal(isTooShortToMask(123), true);
    assert.equal(isTooShortToMask('abcd'), false);
    assert.equal(isTooShortToMask(''), false);
    assert.equal(isTooShortToMask('   '), false);
    assert.equal(isTooShortToMask(null), false);
    assert.equal(isTooShortToMask(true), false);
  });
});
