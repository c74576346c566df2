export type { TasksConfig } from './config.js';
export { TasksSource } from './source.js';
export { type Project, Projects } from './streams/projects.js';
export { type Task, Tasks } from './streams/tasks.js';
