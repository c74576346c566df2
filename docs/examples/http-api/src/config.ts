/** The config, as spec.json describes it. */
export interface TasksConfig {
  api_url: string;
  api_key: string;
  page_size?: number;
}
