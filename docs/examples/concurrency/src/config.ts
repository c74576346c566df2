/** The config, as spec.json describes it. */
export interface SensorsConfig {
  day: string;
}
