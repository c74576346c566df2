import { MaxCursor, type ReadOptions, Source, Stream, type StreamState } from '@tributary/cdk';

interface Config {
  services?: string[];
}
interface Incident {
  id: string;
  service: string;
  updated_at: string;
}

class Incidents extends Stream<Incident> {
  primaryKey = 'id';
  cursorField = 'updated_at';
  private readonly cursor = new MaxCursor('updated_at');

  constructor(private readonly services: string[]) {
    super();
  }

  get state(): StreamState {
    return this.cursor.state;
  }

  set state(value: StreamState) {
    this.cursor.state = value;
  }

  *readRecords(_options: ReadOptions): Generator<Incident> {
    for (const [index, service] of this.services.entries()) {
      const incident = { id: `${service}-1`, service, updated_at: new Date(Date.UTC(2024, 5, 1, index)).toISOString() };
      if (this.cursor.isNewer(incident)) {
        this.cursor.observe(incident);
        yield incident;
      }
    }
  }
}

/** A status page's incidents: the connector guide 8 packages for Airbyte. */
export class StatusPageSource extends Source<Config> {
  checkConnection(): void {}

  streams(config: Config): Stream<object>[] {
    return [new Incidents(config.services ?? ['api', 'web'])];
  }
}
