import { deepCopy, isMapping, type JsonMapping } from './json-values.js';

/**
 * The Python CDK's manifest migrations (`manifest_migrations/`, registered for version 6.45.2),
 * which rewrite the deprecated `HttpRequester` forms into the current ones:
 *
 * 1. `url_base` → `url`;
 * 2. `path` → `url`: the path (without its leading `/`) joined below `url` (given a trailing `/`);
 * 3. `request_body_json` / `request_body_data` → `request_body`, as the typed body the schema
 *    wants (`RequestBodyJsonObject`, `RequestBodyUrlEncodedForm`, or `RequestBodyPlainText` for a
 *    string).
 *
 * Like the CDK, they apply to manifests whose `version` is at most 6.45.2, skip
 * `DynamicDeclarativeStream`s, set `version` to 6.45.2 and record each applied migration under
 * `metadata.applied_migrations`; if one fails, the manifest is returned unchanged. The Airbyte
 * image does not migrate (its `migrate_manifest` is off) and the runtime accepts both forms, so
 * loading migrates only when asked (`migrateManifest`).
 */
export const MIGRATION_VERSION = '6.45.2';

interface Migration {
  name: string;
  applies(component: JsonMapping): boolean;
  migrate(component: JsonMapping): void;
}

const MIGRATIONS: readonly Migration[] = [
  {
    name: 'V_6_45_2_HttpRequesterUrlBaseToUrl',
    applies: (component) => component.type === 'HttpRequester' && Object.hasOwn(component, 'url_base'),
    migrate: (component) => {
      component.url = component.url_base;
      delete component.url_base;
    },
  },
  {
    name: 'V_6_45_2_HttpRequesterPathToUrl',
    applies: (component) => component.type === 'HttpRequester' && Object.hasOwn(component, 'path'),
    migrate: (component) => {
      const path = String(component.path ?? '').replace(/^\/+/, '');
      if (path !== '') component.url = joinBelow(String(component.url ?? ''), path);
      delete component.path;
    },
  },
  {
    name: 'V_6_45_2_HttpRequesterRequestBodyJsonDataToRequestBody',
    applies: (component) =>
      component.type === 'HttpRequester' &&
      (Object.hasOwn(component, 'request_body_json') || Object.hasOwn(component, 'request_body_data')),
    migrate: (component) => {
      for (const key of ['request_body_json', 'request_body_data'] as const) {
        if (!Object.hasOwn(component, key)) continue;
        component.request_body = typedBody(key, component[key]);
        delete component[key];
      }
    },
  },
];

function joinBelow(base: string, path: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) return path;
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

function typedBody(key: 'request_body_json' | 'request_body_data', value: unknown): JsonMapping {
  if (!isMapping(value)) return { type: 'RequestBodyPlainText', value };
  return { type: key === 'request_body_json' ? 'RequestBodyJsonObject' : 'RequestBodyUrlEncodedForm', value };
}

/** Applies the migrations to a copy of a resolved manifest; see `MIGRATION_VERSION`. */
export function migrateManifest(manifest: JsonMapping, now: () => Date = () => new Date()): JsonMapping {
  const fromVersion = String(manifest.version ?? '0.0.0');
  if (compareVersions(fromVersion, MIGRATION_VERSION) > 0) return manifest;
  const migrated = deepCopy(manifest);
  try {
    for (const migration of MIGRATIONS) {
      if (!visit(migrated, migration)) continue;
      migrated.version = MIGRATION_VERSION;
      if (!isMapping(migrated.metadata)) migrated.metadata = {};
      const metadata = migrated.metadata as JsonMapping;
      if (!Array.isArray(metadata.applied_migrations)) metadata.applied_migrations = [];
      (metadata.applied_migrations as unknown[]).push({
        from_version: fromVersion,
        to_version: MIGRATION_VERSION,
        migration: migration.name,
        migrated_at: now().toISOString(),
      });
    }
    return migrated;
  } catch {
    return manifest;
  }
}

/** Migrates every component the migration applies to; true when one was migrated. */
function visit(node: unknown, migration: Migration): boolean {
  if (Array.isArray(node)) return node.reduce<boolean>((found, item) => visit(item, migration) || found, false);
  if (!isMapping(node)) return false;
  if (node.type === 'DynamicDeclarativeStream') return false;
  let migrated = false;
  if (Object.hasOwn(node, 'type') && migration.applies(node)) {
    migration.migrate(node);
    migrated = true;
  }
  for (const value of Object.values(node)) migrated = visit(value, migration) || migrated;
  return migrated;
}

/** Compares dotted numeric versions (`6.45.2` < `6.45.10`); missing parts count as 0. */
export function compareVersions(left: string, right: string): number {
  const a = left.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const b = right.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
