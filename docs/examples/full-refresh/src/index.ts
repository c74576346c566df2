export type { LibraryConfig } from './config.js';
export { LibrarySource } from './source.js';
