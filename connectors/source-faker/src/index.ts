export { FakerSource } from './source.js';
export type { FakerConfig } from './config.js';
export { Users, type User } from './streams/users.js';
export { Products, type Product } from './streams/products.js';
export { Purchases, type Purchase } from './streams/purchases.js';
