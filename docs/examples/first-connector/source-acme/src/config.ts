import { ConnectorError } from '@tributary/cdk';

/** The config, as spec.json describes it. */
export interface Config {
  api_key: string;
  count?: number;
}

/** The config with its defaults applied and checked. */
export interface Settings {
  apiKey: string;
  count: number;
}

export function settingsFrom(config: Config): Settings {
  if (config.api_key.trim() === '') throw ConnectorError.config('api_key is empty');
  return { apiKey: config.api_key, count: config.count ?? 100 };
}
