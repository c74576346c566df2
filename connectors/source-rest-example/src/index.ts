export { type ApiSettings, apiSettings, type RestExampleConfig } from './config.js';
export { RestExampleSource } from './source.js';
export { type Comment, Comments } from './streams/comments.js';
export { JsonServerStream, updatedSince } from './streams/json-server-stream.js';
export { type Post, Posts } from './streams/posts.js';
export { type Todo, Todos } from './streams/todos.js';
export { type User, Users } from './streams/users.js';
