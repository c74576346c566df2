/**
 * A connector run inside this process through the CDK's `invoke()`: no subprocess, records
 * handed over as objects. Package folders and declarative manifests both run this way.
 */
import type { AirbyteCatalog, ConnectorSpecification, Source } from '@tributary/cdk';
import type * as CdkRuntime from '@tributary/cdk/runtime';
import { type Connector, failureFrom, type ReadRequest, type RunnerSink } from './connector.js';
import { MessageCollector } from './message-collector.js';

export class InProcessConnector implements Connector {
  /**
   * @param invoke the `invoke()` of the CDK the source is built on
   * @param create a fresh source for each command
   */
  constructor(
    readonly name: string,
    readonly description: string,
    private readonly invoke: typeof CdkRuntime.invoke,
    private readonly create: () => Source<unknown>,
    private readonly log: (level: string, message: string) => void,
  ) {}

  async spec(): Promise<ConnectorSpecification> {
    const collector = new MessageCollector(this.log);
    const code = await this.invoke(this.create(), { command: 'spec' }, collector);
    const spec = collector.messages.find((m) => m.type === 'SPEC');
    if (code !== 0 || spec?.type !== 'SPEC') throw failureFrom('spec', collector.errors, `exit code ${code}`);
    return spec.spec;
  }

  async discover(config: Record<string, unknown>, signal: AbortSignal): Promise<AirbyteCatalog> {
    const collector = new MessageCollector(this.log);
    const code = await this.invoke(this.create(), { command: 'discover', config }, collector, { signal });
    const catalog = collector.messages.find((m) => m.type === 'CATALOG');
    if (code !== 0 || catalog?.type !== 'CATALOG') throw failureFrom('discover', collector.errors, `exit code ${code}`);
    return catalog.catalog;
  }

  read(request: ReadRequest, sink: RunnerSink, signal: AbortSignal): Promise<number> {
    return this.invoke(this.create(), { command: 'read', config: request.config, catalog: request.catalog, state: request.state }, sink, {
      signal,
    });
  }
}
