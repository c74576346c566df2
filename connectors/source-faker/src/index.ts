export type { FakerConfig } from './config.js';
export { FakerSource } from './source.js';
export { type Product, Products } from './streams/products.js';
export { type Purchase, Purchases } from './streams/purchases.js';
export { type User, Users } from './streams/users.js';
