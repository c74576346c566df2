import { type Logger, Source, type Stream } from '@tributary/cdk';
import { type Config, settingsFrom } from './config.js';
import { Items } from './streams/items.js';

/** The Acme source: its spec is spec.json, its stream schemas are in schemas/. */
export class AcmeSource extends Source<Config> {
  checkConnection(config: Config, logger: Logger): void {
    // Replace with a cheap call that proves the credentials work (list one item, read the account).
    const settings = settingsFrom(config);
    logger.info(`Ready to read ${settings.count} items`);
  }

  streams(config: Config): Stream<object>[] {
    return [new Items(settingsFrom(config))];
  }
}
