// The documentation site: the guides in the order a newcomer reads them, the API reference
// (TypeDoc, written into the built site's api/ by scripts/build-site.mjs) and local search.
// Everything is built from files in this repository; nothing is fetched, at build or read time.
import { defineConfig } from 'vitepress';
import { mermaidPlugin } from './mermaid.mjs';

/** The guides, in reading order: guides.test.ts checks this list against docs/guides/. */
export const GUIDES = [
  { text: '1. Your first connector', link: '/guides/first-connector' },
  { text: '2. Full refresh streams', link: '/guides/full-refresh-streams' },
  { text: '3. HTTP API streams', link: '/guides/http-streams' },
  { text: '4. Incremental streams', link: '/guides/incremental-streams' },
  { text: '5. Concurrency', link: '/guides/concurrency' },
  { text: '6. Testing connectors', link: '/guides/testing' },
  { text: '7. Running locally', link: '/guides/running-locally' },
  { text: '8. Deploying to Airbyte', link: '/guides/deploying' },
  { text: '9. Declarative manifests', link: '/guides/declarative-manifests' },
  { text: '10. Migrating from other CDKs', link: '/guides/migrating' },
];

/**
 * The reference pages, one part each, for the user who comes back to look something up:
 * readme-links.test.ts checks this list against docs/reference/ (api-readme.md is the API
 * reference's front page, linked below as the TypeDoc site it becomes).
 */
export const REFERENCE = [
  { text: 'Local runner', link: '/reference/local-runner' },
  { text: 'Tributary Studio', link: '/reference/studio' },
  { text: 'Entry points', link: '/reference/entry-points' },
  { text: 'Writing streams', link: '/reference/streams' },
  { text: 'HTTP API streams', link: '/reference/http' },
  { text: 'Incremental streams and state', link: '/reference/incremental' },
  { text: 'Concurrency', link: '/reference/concurrency' },
  { text: 'Schemas', link: '/reference/schemas' },
  { text: 'Sources and the command line', link: '/reference/sources' },
  { text: 'Errors, logs and secrets', link: '/reference/errors-and-secrets' },
  { text: 'Testing connectors', link: '/reference/testing' },
  { text: 'Declarative manifests', link: '/reference/declarative' },
  { text: 'Docker images', link: '/reference/docker' },
  { text: 'CLI reference', link: '/reference/cli' },
];

export default defineConfig({
  title: 'Tributary',
  description: 'A fast, typed TypeScript CDK for Airbyte source connectors',
  srcExclude: ['examples/**', 'scripts/**', 'test/**', 'node_modules/**'],
  cleanUrls: false,
  // The API reference is a separate TypeDoc site copied in after the build.
  ignoreDeadLinks: [/^\/api\//],
  markdown: { config: mermaidPlugin },
  themeConfig: {
    nav: [
      { text: 'Guides', link: '/guides/first-connector' },
      { text: 'Reference', link: '/reference/local-runner' },
      { text: 'API reference', link: '/api/index.html', target: '_self' },
    ],
    sidebar: [
      { text: 'Guides', items: GUIDES },
      { text: 'Reference', items: [...REFERENCE, { text: 'API reference', link: '/api/index.html', target: '_self' }] },
    ],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
});
