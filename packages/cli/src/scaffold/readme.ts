import type { ConnectorNames } from './connector-names.js';
import { lines } from './template-files.js';

/** The connector's README: what it is, how to build, run, test and ship it. */
export function readme(names: ConnectorNames, http: boolean): string {
  const { packageName, title, envPrefix } = names;
  const config = http ? '{"api_token": "…", "page_size": 100}' : '{"api_key": "…", "count": 100}';
  return lines(
    `# ${packageName}`,
    '',
    `An Airbyte source for ${title}, built with [Tributary](https://github.com/) (\`@tributary/cdk\`).`,
    http
      ? 'It reads `GET /items` of an HTTP API page by page (`HttpStream`, `PageNumberPaginator`, a bearer token).'
      : 'Its `items` stream is incremental on `updated_at` and checkpoints as it reads.',
    '',
    '## Layout',
    '',
    '```',
    'spec.json                 the config the connector takes (api credentials are airbyte_secret)',
    'schemas/items.json        the stream schema; schemas/shared/ holds what schemas $ref',
    'src/source.ts             the source: check and streams',
    'src/streams/items.ts      the stream',
    'src/schema-types.ts       record types generated from schemas/ (tributary infer-schema . --types)',
    'test/                     tests with @tributary/cdk/testing, and the acceptance suite',
    'Dockerfile                the Airbyte image',
    '```',
    '',
    '## Develop',
    '',
    '```sh',
    'npm install',
    'npm run build',
    'node dist/main.js spec',
    `echo '${config}' > secrets/config.json   # secrets/ is git-ignored`,
    'node dist/main.js check --config secrets/config.json',
    'node dist/main.js discover --config secrets/config.json',
    '```',
    '',
    '## Test',
    '',
    '```sh',
    'npm test                                  # type-checks, then runs test/*.test.ts, offline',
    'tributary test . --config secrets/config.json   # the acceptance checks against the real source, as a table',
    '```',
    '',
    http
      ? `The tests replay recorded HTTP fixtures (\`test/fixtures/\`, secrets redacted). To record them against the real API: \`${envPrefix}_API_TOKEN=… npm run record\`, then review the diff.`
      : 'The tests read the stream in-process with `read()` and run the acceptance suite (`acceptanceTests`).',
    '',
    '## Schemas and types',
    '',
    'After changing `schemas/`, regenerate the record types so `readRecords` stays type-checked:',
    '`tributary infer-schema . --types --config secrets/config.json`. To draft the schema of a new',
    'stream from real records: `tributary infer-schema . --stream <name> --config secrets/config.json`.',
    '',
    '## Docker',
    '',
    '```sh',
    `docker build -t airbyte/${packageName}:dev .`,
    `docker run --rm airbyte/${packageName}:dev spec`,
    '```',
  );
}
