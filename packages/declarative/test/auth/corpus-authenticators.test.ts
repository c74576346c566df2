/**
 * Every requester of every corpus manifest gets its authenticator built from the connector's dummy
 * config, as the Python CDK builds them when it creates the streams (parents, async retrievers and
 * schema loaders included). Only the connectors whose authenticator is custom Python code fail, with
 * a config_error naming the class. The I/O-free authenticators also evaluate their header and
 * request options.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectorError } from '@tributary/cdk';
import { createAuthenticator } from '../../src/auth/create-authenticator.js';
import { componentEnvironment } from '../../src/interpolated/evaluation-context.js';
import { fixedClock } from '../../src/interpolation/clock.js';
import { loadManifestFile } from '../../src/manifest/load-manifest.js';
import { corpusConfig, corpusConnectors, corpusSkipReason, manifestFile } from '../helpers/corpus.js';
import { requestersOf } from './corpus-authenticators.js';

/** Connectors whose requesters use a CustomAuthenticator (Python code from their components.py). */
const CUSTOM_AUTHENTICATORS = [
  'source-aws-cloudtrail',
  'source-fastbill',
  'source-my-hours',
  'source-qualaroo',
  'source-retently',
  'source-salesloft',
  'source-younium',
  'source-zendesk-sunshine',
  'source-zendesk-talk',
  'source-zoom',
];

/** Where evaluating a header fails with the dummy config, as it fails in the Python CDK. */
const EVALUATION_FAILURES: Readonly<Record<string, string>> = {
  'source-drift':
    "the dummy config has no `credentials` object, which the Bearer token's template reads (Jinja's UndefinedError in Python too)",
};

const STATIC_KINDS = new Set(['ApiKeyAuthenticator', 'BearerAuthenticator', 'BasicHttpAuthenticator', 'NoAuth']);
const skip = corpusSkipReason();

describe('the authenticators of the corpus', { skip }, () => {
  test('every requester gets its authenticator, except the custom ones', async () => {
    const kinds = new Map<string, Set<string>>();
    const custom = new Set<string>();
    const evaluationFailures = new Set<string>();
    let requesters = 0;
    for (const connector of skip ? [] : corpusConnectors()) {
      let manifest: ReturnType<typeof loadManifestFile>;
      try {
        manifest = loadManifestFile(manifestFile(connector));
      } catch {
        continue; // the five manifests the Python CDK rejects too (the corpus test checks which)
      }
      const config = corpusConfig(connector) ?? {};
      for (const use of requestersOf(manifest)) {
        requesters++;
        const env = {
          ...componentEnvironment(structuredClone(config), fixedClock('2024-06-15T12:34:56+00:00')),
          urlBase: use.urlBase,
          name: use.path,
        };
        let kind: string;
        try {
          const authenticator = createAuthenticator(use.authenticator, env);
          kind = authenticator.kind;
          if (STATIC_KINDS.has(kind) && !(await evaluates(authenticator))) evaluationFailures.add(connector);
        } catch (error) {
          assert.ok(error instanceof ConnectorError && error.failureType === 'config_error', `${connector} ${use.path}: ${String(error)}`);
          assert.match(error.message, /custom Python component source_declarative_manifest\.components\./, `${connector} ${use.path}`);
          custom.add(connector);
          continue;
        }
        if (!kinds.has(kind)) kinds.set(kind, new Set());
        kinds.get(kind)?.add(connector);
      }
    }
    assert.deepEqual([...custom].sort(), CUSTOM_AUTHENTICATORS);
    assert.deepEqual([...evaluationFailures].sort(), Object.keys(EVALUATION_FAILURES));
    const connectorsOf = (kind: string) => kinds.get(kind)?.size ?? 0;
    assert.ok(requesters > 4000, `${requesters} requesters`);
    // Connectors by the authenticator their requesters got (a SelectiveAuthenticator counts as its choice).
    assert.deepEqual(Object.fromEntries([...kinds.keys()].sort().map((kind) => [kind, connectorsOf(kind)])), {
      ApiKeyAuthenticator: 124,
      BasicHttpAuthenticator: 54,
      BearerAuthenticator: 110,
      LegacySessionTokenAuthenticator: 1,
      NoAuth: 47,
      OAuthAuthenticator: 35,
      SessionTokenAuthenticator: 11,
    });
  });
});

async function evaluates(authenticator: ReturnType<typeof createAuthenticator>): Promise<boolean> {
  try {
    await authenticator.authHeaders();
    for (const target of ['request_parameter', 'body_data', 'body_json'] as const) await authenticator.requestOptions(target);
    return true;
  } catch {
    return false;
  }
}
