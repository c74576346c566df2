export type { ShopConfig } from './config.js';
export { type Customer, type Order, ShopDb, type ShopEvent } from './shop-db.js';
export { ShopSource } from './source.js';
