import { type Logger, Source, type Stream } from '@tributary/cdk';
import { type FakerConfig, resolveConfig } from './config.js';
import { Products } from './streams/products.js';
import { Purchases } from './streams/purchases.js';
import { Users } from './streams/users.js';

/** A deterministic synthetic source: users, products and purchases. */
export class FakerSource extends Source<FakerConfig> {
  checkConnection(config: FakerConfig, logger: Logger): void {
    const { count, seed } = resolveConfig(config);
    logger.info(`Faker will generate ${count} users with seed ${seed}`);
  }

  streams(config: FakerConfig): Stream<object>[] {
    const resolved = resolveConfig(config);
    return [new Users(resolved), new Products(resolved), new Purchases(resolved)];
  }
}
