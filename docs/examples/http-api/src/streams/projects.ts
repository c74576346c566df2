import { TasksApiStream } from './tasks-api-stream.js';

export interface Project {
  id: number;
  name: string;
  archived: boolean;
}

// #region stream
/** `GET /projects`: every project, page by page. */
export class Projects extends TasksApiStream<Project> {
  path(): string {
    return 'projects';
  }

  requestParams() {
    return { include_archived: true };
  }
}
// #endregion stream
