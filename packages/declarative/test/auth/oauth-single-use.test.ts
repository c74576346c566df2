/**
 * Single-use refresh tokens (an OAuthAuthenticator with a `refresh_token_updater`), through the
 * CDK's real entrypoint (`invoke`, which observes the config and writes CONTROL messages): the
 * token endpoint rotates refresh tokens and refuses a used one. Tokens live in the config at the
 * updater's paths, so a second stream's authenticator uses the token the first one obtained; each
 * refresh emits one CONTROL CONNECTOR_CONFIG with the whole config; no token reaches a log.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  type AirbyteMessage,
  type ConnectorSpecification,
  HttpClient,
  type JsonSchema,
  type ReadOptions,
  Source,
  Stream,
} from '@tributary/cdk';
import { invoke, type MessageSink } from '@tributary/cdk/runtime';
import { createAuthenticator } from '../../src/auth/create-authenticator.js';
import type { DeclarativeAuthenticator } from '../../src/auth/declarative-authenticator.js';
import { type CommandResult, only } from '../helpers/run.js';
import { authEnv, TestClock } from './helpers.js';
import { TokenServer } from './token-server.js';

const clock = new TestClock('2024-06-15T12:34:56+00:00');
let server: TokenServer;

before(async () => {
  server = await TokenServer.start(clock, 'rt-0-initial');
  server.rotate = true;
});
after(() => server.close());
beforeEach(() => {
  server.calls.length = 0;
});

const FRESHBOOKS_STYLE = {
  type: 'OAuthAuthenticator',
  client_id: '{{ config["client_id"] }}',
  client_secret: '{{ config["client_secret"] }}',
  refresh_token: '{{ config["client_refresh_token"] }}',
  refresh_request_body: { redirect_uri: '{{ config["redirect_uri"] }}' },
  token_refresh_endpoint: '{{ config["base"] }}/oauth/token',
  refresh_token_updater: {
    refresh_token_name: 'refresh_token',
    access_token_config_path: ['oauth_access_token'],
    token_expiry_date_config_path: ['oauth_token_expiry_date'],
    refresh_token_config_path: ['client_refresh_token'],
    refresh_token_error_status_codes: [400],
    refresh_token_error_key: 'error',
    refresh_token_error_values: ['invalid_grant'],
  },
};

const SPEC: ConnectorSpecification = {
  connectionSpecification: {
    type: 'object',
    properties: { client_secret: { type: 'string', airbyte_secret: true }, client_refresh_token: { type: 'string', airbyte_secret: true } },
  },
};

class ApiStream extends Stream<Record<string, unknown>> {
  constructor(
    readonly name: string,
    private readonly auth: DeclarativeAuthenticator,
    private readonly url: string,
  ) {
    super();
  }

  getJsonSchema(): JsonSchema {
    return { type: 'object' };
  }

  async *readRecords(options: ReadOptions): AsyncIterable<Record<string, unknown>> {
    const response = await new HttpClient().send({ url: this.url }, { authenticator: this.auth, logger: options.logger });
    const { data } = (await response.json()) as { data: Record<string, unknown>[] };
    yield* data;
  }
}

/** Two streams, each with its own authenticator built from the one config, as a declarative source builds them. */
class TwoStreams extends Source<Record<string, unknown>> {
  constructor(private readonly model: Record<string, unknown>) {
    super();
  }

  spec(): ConnectorSpecification {
    return SPEC;
  }

  streams(config: Record<string, unknown>): Stream<object>[] {
    return ['items', 'widgets'].map(
      (name) => new ApiStream(name, createAuthenticator(this.model as never, authEnv(config, clock)), `${server.url}/api/items`),
    );
  }
}

function catalog() {
  return {
    streams: ['items', 'widgets'].map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
      sync_mode: 'full_refresh',
      destination_sync_mode: 'overwrite',
    })),
  };
}

/** A read through the CDK's entrypoint; records are counted per stream. */
async function read(model: Record<string, unknown>, config: Record<string, unknown>): Promise<CommandResult & { records: number }> {
  const messages: AirbyteMessage[] = [];
  let records = 0;
  const sink: MessageSink = {
    writeMessage: (message) => messages.push(JSON.parse(JSON.stringify(message)) as AirbyteMessage),
    recordWriter: () => () => {
      records++;
      return false;
    },
    drain: async () => {},
    isClosed: false,
  };
  const code = await invoke(new TwoStreams(model), { command: 'read', config, catalog: catalog() }, sink);
  return { code, messages, records };
}

describe('single-use refresh tokens through the CDK entrypoint', () => {
  const firstConfig = {
    base: '',
    client_id: 'cid',
    client_secret: 'client-secret-value',
    client_refresh_token: 'rt-0-initial',
    redirect_uri: 'https://example.com/cb',
  };

  test('one refresh for both streams, one CONTROL with the whole config, the next run uses the new refresh token', async () => {
    const config = { ...firstConfig, base: server.url };
    const first = await read(FRESHBOOKS_STYLE, config);
    assert.equal(first.code, 0, JSON.stringify(first.messages));
    assert.equal(first.records, 2);
    assert.equal(server.calls.length, 1, 'the second stream found the token in the config');
    assert.deepEqual(Object.fromEntries(server.calls[0].form), {
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'client-secret-value',
      refresh_token: 'rt-0-initial',
      redirect_uri: 'https://example.com/cb',
    });
    const controls = only(first, 'CONTROL');
    assert.equal(controls.length, 1);
    const [access] = [...server.issued.keys()];
    assert.deepEqual(controls[0].control.connectorConfig.config, {
      ...config,
      oauth_access_token: access,
      client_refresh_token: server.validRefresh,
      oauth_token_expiry_date: '2024-06-15T13:34:56+00:00',
    });
    const logs = JSON.stringify(first.messages.filter((message) => message.type === 'LOG' || message.type === 'TRACE'));
    for (const secret of [access, server.validRefresh, 'rt-0-initial', 'client-secret-value']) assert.ok(!logs.includes(secret), secret);

    clock.advance(3601);
    const second = await read(FRESHBOOKS_STYLE, controls[0].control.connectorConfig.config);
    assert.equal(second.code, 0);
    assert.equal(server.calls.length, 2);
    assert.equal(Object.fromEntries(server.calls[1].form).refresh_token, controls[0].control.connectorConfig.config.client_refresh_token);
    assert.equal(only(second, 'CONTROL').length, 1);
  });

  test('a refresh token already used is refused: a config_error telling to re-authenticate', async () => {
    clock.advance(7200);
    const stale = await read(FRESHBOOKS_STYLE, { ...firstConfig, base: server.url });
    assert.notEqual(stale.code, 0);
    const errors = only(stale, 'TRACE').filter((message) => message.trace.type === 'ERROR');
    assert.ok(errors.length > 0);
    assert.equal(errors[0].trace.error?.failure_type, 'config_error');
    assert.match(
      errors[0].trace.error?.message ?? '',
      /^Refresh token was rejected by the OAuth provider .* Provider error: invalid_grant$/,
    );
    assert.equal(only(stale, 'CONTROL').length, 0);
  });
});

describe('single-use refresh tokens: the config', () => {
  const nested = { type: 'OAuthAuthenticator', token_refresh_endpoint: '{{ config.base }}/oauth/token', refresh_token_updater: {} };

  test('default paths under credentials; client id and secret from the config when the component has none', async () => {
    server.validRefresh = 'rt-nested';
    const config: Record<string, unknown> = {
      base: server.url,
      credentials: { client_id: 'c1', client_secret: 'c2-secret', refresh_token: 'rt-nested' },
    };
    const auth = createAuthenticator(nested, authEnv(config, clock));
    const { Authorization } = await auth.authHeaders();
    assert.deepEqual(Object.fromEntries(server.calls[0].form), {
      grant_type: 'refresh_token',
      client_id: 'c1',
      client_secret: 'c2-secret',
      refresh_token: 'rt-nested',
    });
    const credentials = config.credentials as Record<string, unknown>;
    assert.equal(`Bearer ${String(credentials.access_token)}`, Authorization);
    assert.equal(credentials.refresh_token, server.validRefresh);
    assert.match(String(credentials.token_expiry_date), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });

  test('an unexpired access token in the config is used without a refresh', async () => {
    const config = {
      base: server.url,
      credentials: {
        client_id: 'c1',
        client_secret: 'c2',
        refresh_token: 'x',
        access_token: 'at-in-config',
        token_expiry_date: '2099-01-01T00:00:00+00:00',
      },
    };
    assert.deepEqual(await createAuthenticator(nested, authEnv(config, clock)).authHeaders(), { Authorization: 'Bearer at-in-config' });
    assert.equal(server.calls.length, 0);
  });

  test('an answer without a new refresh token keeps the current one', async () => {
    const answer = server.answer;
    server.rotate = false;
    server.answer = ({ access }) => ({ access_token: access, expires_in: 60 });
    try {
      const config = {
        base: server.url,
        credentials: { client_id: 'c1', client_secret: 'c2', refresh_token: 'rt-keep', token_expiry_date: '' },
      };
      await createAuthenticator(nested, authEnv(config, clock)).authHeaders();
      assert.equal(config.credentials.refresh_token, 'rt-keep');
    } finally {
      server.answer = answer;
      server.rotate = true;
    }
  });
});
