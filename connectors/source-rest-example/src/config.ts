import { ApiKeyAuthenticator, type Authenticator, ConnectorError } from '@tributary/cdk';

/** The connector's config, as spec.json describes it. */
export interface RestExampleConfig {
  base_url: string;
  api_key: string;
  page_size?: number;
  start_date?: string;
}

/** What every stream of the API shares: one authenticator, the base URL and the page size. */
export interface ApiSettings {
  baseUrl: string;
  authenticator: Authenticator;
  pageSize: number;
  /** Where incremental streams start on a first sync (ISO-8601), if set. */
  startDate?: string;
}

export function apiSettings(config: RestExampleConfig): ApiSettings {
  let startDate: string | undefined;
  if (config.start_date !== undefined) {
    const ms = Date.parse(config.start_date);
    if (Number.isNaN(ms))
      throw ConnectorError.config(`'start_date' must be an ISO-8601 date-time, got ${JSON.stringify(config.start_date)}`);
    startDate = new Date(ms).toISOString();
  }
  return {
    baseUrl: config.base_url,
    authenticator: new ApiKeyAuthenticator({ key: config.api_key, header: 'X-Api-Key' }),
    pageSize: config.page_size ?? 50,
    startDate,
  };
}
