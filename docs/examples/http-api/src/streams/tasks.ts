import type { HttpRequestOptions } from '@tributary/cdk';
import type { TasksConfig } from '../config.js';
import { Projects } from './projects.js';
import { TasksApiStream } from './tasks-api-stream.js';

export interface Task {
  id: number;
  project_id: number;
  title: string;
  done: boolean;
  updated_at: string;
}

// #region stream
/**
 * `GET /projects/{id}/tasks`: a sub-stream. Each project is a slice (a partition); read
 * incrementally, each project keeps its own `updated_at` cursor in the state.
 */
export class Tasks extends TasksApiStream<Task> {
  readonly parent: Projects;
  cursorField = 'updated_at';

  constructor(config: TasksConfig) {
    super(config);
    this.parent = new Projects(config); // its own instance, read once per sync
  }

  path(options: HttpRequestOptions): string {
    return `projects/${this.parentOf(options).id}/tasks`; // parentOf() is typed: a Project
  }

  requestParams(options: HttpRequestOptions) {
    const since = options.state?.updated_at; // this project's cursor, in an incremental read
    return { sort: 'updated_at', ...(typeof since === 'string' ? { updated_since: since } : {}) };
  }
}
// #endregion stream
