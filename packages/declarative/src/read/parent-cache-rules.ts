// Which requesters the Python CDK caches (ManifestDeclarativeSource._initialize_cache_for_parent_streams):
// the parent streams named by the partition routers of the manifest's streams (a router, or each
// router of a list, with parent_stream_configs), as they appear under those streams, and every
// stream of the manifest whose name is one of theirs; not the parents of parents. A requester
// with `use_cache: true` is cached wherever it is; one that says `use_cache: false` is never
// cached (the Python CDK's reads of such parents go to the API every time: source-ezofficeinventory).
import { isMapping, type JsonMapping } from '../manifest/json-values.js';

/** The names of the parent streams of the manifest's streams. */
export function parentStreamNames(streams: readonly JsonMapping[]): Set<string> {
  const names = new Set<string>();
  for (const stream of streams) {
    for (const config of parentConfigsOf(stream)) {
      const parent = config.stream;
      if (isMapping(parent) && typeof parent.name === 'string') names.add(parent.name);
    }
  }
  return names;
}

/** The ParentStreamConfigs of a stream's partition router (or of each router of a list). */
export function parentConfigsOf(stream: JsonMapping): JsonMapping[] {
  const retriever = stream.retriever;
  if (!isMapping(retriever)) return [];
  const router = retriever.partition_router;
  const routers = Array.isArray(router) ? router : [router];
  return routers.flatMap((item) =>
    isMapping(item) && Array.isArray(item.parent_stream_configs) ? item.parent_stream_configs.filter(isMapping) : [],
  );
}

/** True when the stream's requester asks for the cache itself (`use_cache: true`). */
export function asksForCache(stream: JsonMapping): boolean {
  const retriever = isMapping(stream.retriever) ? stream.retriever : undefined;
  const requester = retriever !== undefined && isMapping(retriever.requester) ? retriever.requester : undefined;
  return requester?.use_cache === true;
}

/** True when the stream's requester turns the cache off itself (`use_cache: false`). */
export function refusesCache(stream: JsonMapping): boolean {
  const retriever = isMapping(stream.retriever) ? stream.retriever : undefined;
  const requester = retriever !== undefined && isMapping(retriever.requester) ? retriever.requester : undefined;
  return requester?.use_cache === false;
}

/** True when a parent stream uses the cache: it is a direct parent that does not refuse it, or it asks for it. */
export function parentUsesCache(stream: JsonMapping, direct: boolean): boolean {
  return asksForCache(stream) || (direct && !refusesCache(stream));
}

/** True when a stream of the catalog uses the cache: it is another stream's parent (and does not refuse it), or asks for it. */
export function catalogStreamUsesCache(stream: JsonMapping, parentNames: ReadonlySet<string>): boolean {
  return parentUsesCache(stream, typeof stream.name === 'string' && parentNames.has(stream.name));
}
