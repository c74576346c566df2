export { StatusPageSource } from './source.js';
