// @tributary/declarative: runs Airbyte's declarative (low-code) YAML manifests on Tributary's CDK.

export type * from './components/component-types.js';
export { type CustomComponentUse, findCustomComponents } from './components/custom-components.js';
export * from './interpolation/index.js';
export type { JsonMapping } from './manifest/json-values.js';
export {
  type LoadedManifest,
  type LoadManifestOptions,
  loadManifestFile,
  loadManifestObject,
  loadManifestText,
} from './manifest/load-manifest.js';
export { formatIssue, ManifestError, type ManifestIssue, type ManifestLocation } from './manifest/manifest-error.js';
export { migrateManifest } from './manifest/migrations.js';
export { propagateTypesAndParameters } from './manifest/parameters.js';
export { resolveReferences } from './manifest/references.js';
export { DeclarativeSource, type ManifestInput } from './source/declarative-source.js';
export { genericDeclarativeSpec, INJECTED_MANIFEST_KEY } from './spec/generic-spec.js';
export { manifestSpec } from './spec/manifest-spec.js';
export { validateManifest } from './validation/validate-manifest.js';
export { loadYaml } from './yaml/load-yaml.js';
export { YamlSourceMap } from './yaml/source-map.js';
export { YamlTimestamp } from './yaml/yaml-timestamp.js';
