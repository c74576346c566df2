import { PageNumberPaginator } from '@tributary/cdk';
import { JsonServerStream } from './json-server-stream.js';

export interface User {
  id: number;
  name: string;
  username: string;
  email: string;
  address: { street: string; city: string; zipcode: string } | null;
}

/** `/users?_page=N&_limit=M`: page numbers; a full refresh resumes from the last page read. */
export class Users extends JsonServerStream<User> {
  paginator = new PageNumberPaginator({ pageParam: '_page', pageSizeParam: '_limit' });

  path(): string {
    return 'users';
  }

  requestParams() {
    return { _sort: 'id', _order: 'asc' };
  }
}
