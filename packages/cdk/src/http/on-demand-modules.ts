/**
 * Node's modules that only HTTP streams use, loaded the first time they are needed instead of
 * when the CDK is imported: every connector's `spec`, `check` and `discover` would otherwise
 * load and compile them (node:http, node:zlib, node:crypto and node:readline: ~12 ms of a
 * ~125 ms `spec` cold start, measured). Node caches each after its first load.
 */
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

export const onDemand = {
  http: (): typeof import('node:http') => requireBuiltin('node:http'),
  zlib: (): typeof import('node:zlib') => requireBuiltin('node:zlib'),
  crypto: (): typeof import('node:crypto') => requireBuiltin('node:crypto'),
  readline: (): typeof import('node:readline') => requireBuiltin('node:readline'),
};
