export { Issues } from './issues.js';
export { IssuesSource } from './source.js';
