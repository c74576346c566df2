/**
 * A hostile API echoes the connector's key back in every spelling a server may produce: JSON
 * `\u` escapes (any hex case, of ASCII, non-ASCII and of `<`, `>`, `&`), escaped slashes, HTML
 * entities, whitespace kept, collapsed or trimmed, and as the start of a 2xx body that is not
 * JSON (whose parser message would quote it). The http-source fixture runs as a child process
 * against a loopback server; no part of the key may appear in its stdout or stderr.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FaultServer, type Handler, reply, useFaultServer } from '@tributary/test-support/fault-server';
import { type CliRun, catalogFor, errorTraces, messagesOfType, stringsIn } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFixture } from '../helpers/fixtures.js';

/** Padded (a header loses that), with a slash, two spaces, a tab, `<`, `>`, `&` and a non-ASCII letter. */
const API_KEY = '  sk/live  <ü>&\tQ7pZ3x ';
const CORE = API_KEY.trim();

const escapeAll = (text: string, upper: boolean) =>
  [...text]
    .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .map((sequence) => (upper ? sequence.toUpperCase().replace('\\U', '\\u') : sequence))
    .join('');
const jsonInner = (text: string) => JSON.stringify(text).slice(1, -1);
/** Go's encoding/json and Rails: `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`. */
const goStyle = (text: string) => jsonInner(text).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
/** PHP's json_encode: `\/` and non-ASCII as `\u00fc`. */
const phpStyle = (text: string) =>
  jsonInner(text)
    .replaceAll('/', '\\/')
    .replace(/[^ -~]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
const htmlEscaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

const SPELLINGS: Array<(text: string) => string> = [
  (text) => text,
  jsonInner,
  (text) => escapeAll(text, false),
  (text) => escapeAll(text, true),
  goStyle,
  phpStyle,
  htmlEscaped,
  collapsed,
  encodeURIComponent,
  (text) => new URLSearchParams({ '': text }).toString().slice(1),
];

/** The key and its first and last four characters, in every spelling: a partial quote is a leak too. */
const LEAKS = [...new Set(SPELLINGS.flatMap((spell) => [spell(CORE), spell(CORE.slice(0, 4)), spell(CORE.slice(-4))]))];

let api: FaultServer;
useFaultServer((server) => {
  api = server;
});

let dir: TempDir;
let catalogPath: string;
before(async () => {
  dir = await TempDir.create();
  catalogPath = await dir.json('catalog.json', catalogFor('customers'));
});
after(() => dir.remove());

/** Reads `customers` from an API whose `/<scenario>/customers` answers with `handler`. */
async function readFrom(scenario: string, handler: Handler): Promise<CliRun> {
  api.on(`/${scenario}/customers`, handler);
  const config = await dir.json(`${scenario}.json`, { base_url: `${api.url}/${scenario}`, api_key: API_KEY, max_retries: 1 });
  const run = await runFixture('http-source', ['read', '--config', config, '--catalog', catalogPath, '--debug']);
  assert.ok(api.requestsTo(`/${scenario}/customers`).length > 0, 'the API was called');
  return run;
}

function assertNoLeak(run: CliRun): void {
  const printed = [...run.messages.flatMap(stringsIn), run.stderr];
  for (const leak of LEAKS) {
    for (const text of printed) assert.ok(!text.includes(leak), `${JSON.stringify(leak)} printed: ${text}`);
  }
}

/** The stream failed with the API's answer in its error, the key masked in it. */
function assertFailedMasked(run: CliRun, expected: RegExp): void {
  assert.equal(run.code, 1, run.stderr);
  const error = errorTraces(run.messages).find((trace) => trace.stream_descriptor?.name === 'customers');
  assert.ok(error, JSON.stringify(run.messages));
  assert.match(error.message, expected);
}

describe('an API echoing the key in an error body', () => {
  test('every character as a \\u escape, lower and upper case hex (401)', async () => {
    const run = await readFrom('escaped', ({ res }) => {
      const body = `{"error":"invalid key ${escapeAll(API_KEY, false)}","key":"${escapeAll(API_KEY, true)}"}`;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(body);
    });
    assertNoLeak(run);
    assertFailedMasked(run, /invalid key (\\u0020)*\*\*\*\*/);
  });

  test('<, > and & escaped as Go and Rails do, and PHP-style \\/ and \\u00fc (403, 400)', async () => {
    for (const [scenario, status, spell] of [
      ['go', 403, goStyle],
      ['php', 400, phpStyle],
    ] as const) {
      const run = await readFrom(scenario, ({ res }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(`{"message":"key \\"${spell(API_KEY)}\\" refused"}`);
      });
      assertNoLeak(run);
      assertFailedMasked(run, /refused/);
      assert.match(errorTraces(run.messages)[0]?.message ?? '', /\*\*\*\*/);
    }
  });

  test('the key as sent, with its two spaces and tab, in a plain-text 5xx body that error messages reformat', async () => {
    const run = await readFrom('raw', reply.text(`upstream rejected key=${API_KEY};\nretry later`, 'text/plain', 500));
    assertNoLeak(run);
    assertFailedMasked(run, /key=\s*\*\*\*\*\s*;/);
  });

  test('the key with its whitespace collapsed, and the header value as the server received it (trimmed)', async () => {
    const run = await readFrom('trimmed', ({ req, res }) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end(`header [${String(req.headers['x-api-key'])}] collapsed [${collapsed(API_KEY)}]`);
    });
    assertNoLeak(run);
    assertFailedMasked(run, /header \[\*\*\*\*\] collapsed \[\*\*\*\*\]/);
  });

  test('HTML entities in an error page', async () => {
    const run = await readFrom(
      'html',
      reply.text(`<html><body><p>Unknown key ${htmlEscaped(API_KEY)}</p></body></html>`, 'text/html', 404),
    );
    assertNoLeak(run);
    assertFailedMasked(run, /Unknown key\s*\*\*\*\*/);
  });
});

describe('a 2xx body that is not JSON and starts with the key', () => {
  test("the JSON parser's message, which quotes the start of the body, is not passed on (retry log and TRACE)", async () => {
    const run = await readFrom('not-json', reply.text(`${CORE} is your key`, 'application/json'));
    assertNoLeak(run);
    assertFailedMasked(run, /not valid JSON: unexpected token/);
    const retryLog = messagesOfType(run.messages, 'LOG').find((message) => /retrying/.test(message.log.message));
    assert.match(retryLog?.log.message ?? '', /with a body that is not valid JSON: unexpected token/);
  });

  test('a JSON-lines body whose second line starts with the key', async () => {
    const run = await readFrom('not-jsonl', reply.text(`{"id":1}\n${CORE}\n`, 'application/x-ndjson'));
    assertNoLeak(run);
    assertFailedMasked(run, /not valid JSON lines: line 2: unexpected token/);
  });

  test('a truncated JSON body ending inside an escaped key', async () => {
    const run = await readFrom('truncated', reply.text(`{"data":[{"id":1,"key":"${phpStyle(CORE)}`, 'application/json'));
    assertNoLeak(run);
    assertFailedMasked(run, /not valid JSON: Unterminated string in JSON at position \d+/);
  });
});
