// Record types generated from the stream schemas (schemas/); do not edit by hand.
// Regenerate them after changing a schema: tributary infer-schema <connector> --types

export interface ItemsRecord {
  /** The item id */
  id: number;
  name: string;
  status?: "active" | "archived";
  tags?: null | string[];
  /** When the item last changed */
  updated_at: string;
  [key: string]: unknown;
}
