import { OffsetPaginator } from '@tributary/cdk';
import { JsonServerStream } from './json-server-stream.js';

export interface Todo {
  id: number;
  userId: number;
  title: string;
  completed: boolean;
}

/** `/todos?_start=N&_limit=M`: offset pagination; a full refresh resumes from the last offset read. */
export class Todos extends JsonServerStream<Todo> {
  paginator = new OffsetPaginator({ offsetParam: '_start', limitParam: '_limit' });

  path(): string {
    return 'todos';
  }

  requestParams() {
    return { _sort: 'id', _order: 'asc' };
  }
}
