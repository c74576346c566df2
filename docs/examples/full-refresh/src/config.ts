/** The config, as spec.json describes it. */
export interface LibraryConfig {
  books: number;
  custom_fields?: string[];
}
