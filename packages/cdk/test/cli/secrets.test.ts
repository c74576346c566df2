/**
 * Secret masking, end to end: the `secrets` fixture leaks its `airbyte_secret` values through
 * the logger, console, raw stderr, errors thrown during check and read, and a record. They must
 * show nowhere but in RECORD data, where they stay as they are.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CliRun, catalogFor, errorTraces, messagesOfType, recordsOf, stringsIn } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFixture } from '../helpers/fixtures.js';

const API_KEY = 'sk_live_Q7pZ3xVb9';
const CLIENT_SECRET = 'oauth-secret-Hn4Ws2';
/** Characters that JSON and URLs escape: the masker must catch the escaped spellings too. */
const ACCESS_TOKEN = 'tok/8Rj2"Lq5\\Yw+= ?&';
const CLIENT_ID = 'client-public-id';

const oauthConfig = {
  api_key: API_KEY,
  region: 'eu-west',
  credentials: { auth_type: 'oauth', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
};
const tokenConfig = { api_key: API_KEY, region: 'eu-west', credentials: { auth_type: 'token', access_token: ACCESS_TOKEN } };

let dir: TempDir;
let oauthPath: string;
let tokenPath: string;
let catalogPath: string;
before(async () => {
  dir = await TempDir.create();
  oauthPath = await dir.json('oauth.json', oauthConfig);
  tokenPath = await dir.json('token.json', tokenConfig);
  catalogPath = await dir.json('catalog.json', catalogFor('leaky_records'));
});
after(() => dir.remove());

/** A secret as printed raw, JSON-escaped (inside a logged JSON text) or URL-encoded. */
function spellingsOf(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

function assertNoSecretOutsideRecords(run: CliRun, secrets: readonly string[]): void {
  const printed = run.messages.filter((message) => message.type !== 'RECORD').flatMap(stringsIn);
  for (const spelling of secrets.flatMap(spellingsOf)) {
    for (const text of printed) assert.ok(!text.includes(spelling), `secret ${spelling} printed outside a record: ${text}`);
    assert.ok(!run.stderr.includes(spelling), `secret ${spelling} printed on stderr:\n${run.stderr}`);
  }
}

/** The leaks did happen, masked: otherwise the test above would pass for the wrong reason. */
function assertLeaksWereMasked(run: CliRun, where: 'check' | 'read'): void {
  const logs = messagesOfType(run.messages, 'LOG').map((message) => message.log);
  const messageOf = (prefix: string) => logs.find((log) => log.message.startsWith(`${where}: ${prefix}`))?.message;
  assert.equal(messageOf('info log'), `${where}: info log with api key **** and credential ****`);
  assert.equal(messageOf('console.log'), `${where}: console.log with api key **** and credential ****`);
  assert.equal(messageOf('console.error'), `${where}: console.error with ****`);
  assert.match(messageOf('the whole config') ?? '', /"api_key":"\*\*\*\*"/);
  assert.match(messageOf('the whole config') ?? '', /"region":"eu-west"/, 'values that are not secret stay readable');
  const errorLog = logs.find((log) => log.message.startsWith(`${where}: error log`));
  assert.match(errorLog?.stack_trace ?? '', /^Error: an error carrying \*\*\*\*\n/);
  assert.ok(run.stderr.includes(`${where}: raw stderr with api key **** and credential ****`), run.stderr);
}

test('check: secrets are masked in logs, console output, stderr, stack traces and the FAILED message', async () => {
  const run = await runFixture('secrets', ['check', '--config', oauthPath]);
  assert.equal(run.code, 0, run.stderr);
  assertNoSecretOutsideRecords(run, [API_KEY, CLIENT_SECRET]);
  assertLeaksWereMasked(run, 'check');
  const status = messagesOfType(run.messages, 'CONNECTION_STATUS').at(-1)?.connectionStatus;
  assert.deepEqual(status, { status: 'FAILED', message: 'login refused for api key **** with credential ****' });
});

test('check: a secret in the other oneOf branch of the credentials is masked too', async () => {
  const run = await runFixture('secrets', ['check', '--config', tokenPath]);
  assert.equal(run.code, 0, run.stderr);
  assertNoSecretOutsideRecords(run, [API_KEY, ACCESS_TOKEN]);
  assertLeaksWereMasked(run, 'check');
  const status = messagesOfType(run.messages, 'CONNECTION_STATUS').at(-1)?.connectionStatus;
  assert.equal(status?.message, 'login refused for api key **** with credential ****');
});

test('read: secrets are masked everywhere except inside RECORD data, which keeps them unmasked', async () => {
  const run = await runFixture('secrets', ['read', '--config', oauthPath, '--catalog', catalogPath]);
  assert.equal(run.code, 1, 'the stream fails after its record');
  assertNoSecretOutsideRecords(run, [API_KEY, CLIENT_SECRET]);
  assertLeaksWereMasked(run, 'read');

  assert.deepEqual(
    recordsOf(run.messages).map((record) => record.data),
    [{ id: 1, api_key: API_KEY, credential: CLIENT_SECRET, note: `key=${API_KEY};credential=${CLIENT_SECRET}` }],
  );

  const streamError = errorTraces(run.messages).find((error) => error.stream_descriptor?.name === 'leaky_records');
  assert.ok(streamError);
  assert.match(streamError.message, /read failed while using api key \*\*\*\* and credential \*\*\*\*/);
  assert.match(streamError.internal_message ?? '', /api key \*\*\*\*/);
  assert.match(streamError.stack_trace ?? '', /^Error: read failed while using api key \*\*\*\* and credential \*\*\*\*\n/);
});

test('read --debug: DEBUG logs are masked as well', async () => {
  const run = await runFixture('secrets', ['read', '--config', oauthPath, '--catalog', catalogPath, '--debug']);
  assertNoSecretOutsideRecords(run, [API_KEY, CLIENT_SECRET]);
  const debug = messagesOfType(run.messages, 'LOG').filter((message) => message.log.level === 'DEBUG');
  assert.ok(
    debug.some((message) => message.log.message === 'read: debug log with api key **** and credential ****'),
    JSON.stringify(debug),
  );
  assert.equal(recordsOf(run.messages)[0]?.data.api_key, API_KEY);
});

test('a secret too short to mask is named by its field in a WARN, and left unmasked rather than garbling every message', async () => {
  const shortPath = await dir.json('short.json', { ...tokenConfig, credentials: { auth_type: 'token', access_token: 'e' } });
  const run = await runFixture('secrets', ['check', '--config', shortPath]);
  assert.equal(run.code, 0, run.stderr);
  assertNoSecretOutsideRecords(run, [API_KEY]);
  const logs = messagesOfType(run.messages, 'LOG').map((message) => message.log);
  const warning = logs.find((log) => log.level === 'WARN' && log.message.includes("'credentials.access_token'"));
  assert.match(
    warning?.message ?? '',
    /^The secret config field 'credentials\.access_token' is shorter than 4 characters, too short to be masked/,
  );
  assert.match(logs.find((log) => log.message.startsWith('check: the whole config'))?.message ?? '', /"region":"eu-west"/);
});
