export { sqlCommand } from './commands/sql.js';
export { syncCommand } from './commands/sync.js';
export type { Connector, ReadRequest } from './connectors/connector.js';
export { PackageConnector } from './connectors/package-connector.js';
export { ProcessConnector } from './connectors/process-connector.js';
export { type ColumnPlan, planColumns } from './destinations/duckdb/columns.js';
export { DuckDBDestination } from './destinations/duckdb/duckdb-destination.js';
export { run } from './program.js';
export { buildCatalog } from './sync/catalog.js';
