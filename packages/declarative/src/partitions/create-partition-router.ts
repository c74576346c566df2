// Builds a stream's partition router from the manifest, as the CDK's factory does: a list of
// routers is their cartesian product; none is a single empty partition; a GroupingPartitionRouter
// refuses request options on its underlying router. Parent streams come from the caller, who reads them.
import { ConnectorError } from '@tributary/cdk';
import type {
  GroupingPartitionRouter as GroupingModel,
  ListPartitionRouter as ListModel,
  ParentStreamConfig as ParentStreamConfigModel,
  SubstreamPartitionRouter as SubstreamModel,
} from '../components/component-types.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { CartesianProductStreamSlicer } from './cartesian-product.js';
import { GroupingPartitionRouter } from './grouping-partition-router.js';
import { ListPartitionRouter } from './list-partition-router.js';
import { type PartitionRouter, SinglePartitionRouter } from './partition-router.js';
import { type ParentStream, ParentStreamConfig, SubstreamPartitionRouter } from './substream-partition-router.js';

type RouterModel = { type: string; [field: string]: unknown };

/** Gives the parent stream of a ParentStreamConfig (built and read by the retriever). */
export type ParentStreamFactory = (config: ParentStreamConfigModel) => ParentStream;

/**
 * The partition router a manifest describes, or the single empty partition; parents are built by
 * `parentStream`.
 */
export function createPartitionRouter(
  model: RouterModel | RouterModel[] | undefined,
  env: ComponentEnvironment,
  parents: ParentStreamFactory,
): PartitionRouter {
  if (model === undefined) return new SinglePartitionRouter();
  if (Array.isArray(model)) return new CartesianProductStreamSlicer(model.map((m) => createPartitionRouter(m, env, parents)));
  switch (model.type) {
    case 'ListPartitionRouter':
      return new ListPartitionRouter(model as ListModel, env);
    case 'SubstreamPartitionRouter':
      return new SubstreamPartitionRouter(
        (model as SubstreamModel).parent_stream_configs.map((config) => new ParentStreamConfig(config, env, parents(config))),
      );
    case 'GroupingPartitionRouter':
      return createGrouping(model as GroupingModel, env, parents);
    default:
      throw ConnectorError.config(`Partition router ${model.type} cannot run in Tributary (custom Python components are not supported)`);
  }
}

function createGrouping(model: GroupingModel, env: ComponentEnvironment, parents: ParentStreamFactory): GroupingPartitionRouter {
  const underlying = createPartitionRouter(model.underlying_partition_router as RouterModel, env, parents);
  const hasOptions =
    (underlying instanceof SubstreamPartitionRouter && underlying.parents.some((parent) => parent.requestOption !== null)) ||
    (underlying instanceof ListPartitionRouter && underlying.requestOption !== null);
  if (hasOptions) throw ConnectorError.config('Request options are not supported for GroupingPartitionRouter.');
  return new GroupingPartitionRouter(Number(model.group_size), underlying, model.deduplicate !== false);
}
