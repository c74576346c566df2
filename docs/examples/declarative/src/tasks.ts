import { fileURLToPath } from 'node:url';
import {
  ApiKeyAuthenticator,
  type ConnectorSpecification,
  CursorPaginator,
  type HttpRequestOptions,
  HttpStream,
  MaxCursor,
  Source,
  type Stream,
} from '@tributary/cdk';
import { DeclarativeSource } from '@tributary/declarative';

/** The manifest's config, as its `spec` describes it. */
export interface TasksConfig {
  api_url: string;
  api_key: string;
  start_date: string;
}

export interface Task {
  id: number;
  title: string;
  done: boolean;
  updated_at: string;
}

// #region code-stream
/** The manifest's `tasks` stream written in TypeScript: the same requests, records and state. */
export class Tasks extends HttpStream<Task> {
  primaryKey = 'id';
  cursorField = 'updated_at'; // incremental_sync: DatetimeBasedCursor on updated_at
  getUpdatedState = MaxCursor.updater('updated_at'); // the state: the greatest updated_at read
  recordsPath = 'data'; // record_selector: DpathExtractor [data]
  paginator = new CursorPaginator({ cursorPath: 'meta.next_cursor', cursorParam: 'cursor' });

  constructor(private readonly config: TasksConfig) {
    super();
  }

  get urlBase(): string {
    return this.config.api_url; // url_base
  }

  get authenticator() {
    return new ApiKeyAuthenticator({ key: this.config.api_key, header: 'X-Api-Key' });
  }

  path(): string {
    return 'tasks';
  }

  /** start_time_option: the state's cursor, or start_datetime (the config's start_date) on a first sync. */
  requestParams(options: HttpRequestOptions) {
    const since = options.state?.updated_at;
    return { updated_since: typeof since === 'string' ? since : this.config.start_date };
  }
}
// #endregion code-stream

// #region code-source
/** A source in code that keeps the manifest's spec, so configs written for the manifest still work. */
export class TasksSource extends Source<TasksConfig> {
  private readonly manifest = new DeclarativeSource(fileURLToPath(new URL('../manifest.yaml', import.meta.url)));

  spec(): ConnectorSpecification {
    return this.manifest.spec();
  }

  streams(config: TasksConfig): Stream<object>[] {
    return [new Tasks(config)];
  }
}
// #endregion code-source
