export type { Config } from './config.js';
export type { ItemsRecord } from './schema-types.js';
export { AcmeSource } from './source.js';
export { Items } from './streams/items.js';
