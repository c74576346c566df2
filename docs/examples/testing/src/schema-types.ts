// Record types generated from the stream schemas; do not edit by hand.
// Regenerate them after changing a schema: tributary infer-schema <connector> --types

export interface ProjectsRecord {
  id: number;
  name: string;
  archived?: boolean;
}

export interface TasksRecord {
  id: number;
  project_id: number;
  title?: string;
  done?: boolean;
  updated_at: string;
}
