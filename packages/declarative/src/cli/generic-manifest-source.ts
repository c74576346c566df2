import { ConnectorError, type ConnectorSpecification, Source, type Stream } from '@tributary/cdk';
import { genericDeclarativeSpec } from '../spec/generic-spec.js';

/** `source-declarative-manifest spec` without a manifest: Airbyte's generic spec, whose config carries the manifest. */
export class GenericManifestSource extends Source<Record<string, unknown>> {
  spec(): ConnectorSpecification {
    return genericDeclarativeSpec();
  }

  streams(): Stream<object>[] {
    throw ConnectorError.config(
      'No manifest was given: pass --manifest-path <manifest.yaml>, or put it in the config under __injected_declarative_manifest',
    );
  }
}
