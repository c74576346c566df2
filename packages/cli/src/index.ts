/**
 * `@tributary/cli`: the parts of the `tributary` runner that programs can use: the `sync` and
 * `sql` commands, connectors (a package in-process, a command, an image) and the DuckDB
 * destination. The commands themselves are documented by `tributary --help`.
 *
 * @module @tributary/cli
 */
export { sqlCommand } from './commands/sql.js';
export { syncCommand } from './commands/sync.js';
export type { Connector, ReadRequest } from './connectors/connector.js';
export { InProcessConnector } from './connectors/in-process-connector.js';
export { loadManifestConnector } from './connectors/manifest-connector.js';
export { loadPackageConnector } from './connectors/package-connector.js';
export { ProcessConnector } from './connectors/process-connector.js';
export { type ColumnPlan, planColumns } from './destinations/duckdb/columns.js';
export { DuckDBDestination } from './destinations/duckdb/duckdb-destination.js';
export type { Output } from './output.js';
export { run } from './program.js';
export { buildCatalog } from './sync/catalog.js';
export type { SyncOptions } from './sync/sync-options.js';
