export type { SensorsConfig } from './config.js';
export { type Reading, SensorsApi } from './sensors-api.js';
export { SensorsSource } from './source.js';
