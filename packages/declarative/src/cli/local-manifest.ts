import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a manifest-only connector image keeps its manifest, relative to the code folder: Airbyte's
 * layout (`/airbyte/integration_code/source_declarative_manifest/manifest.yaml`), which its
 * `source-declarative-manifest` image checks before anything else.
 */
export const LOCAL_MANIFEST = join('source_declarative_manifest', 'manifest.yaml');

/**
 * The manifest of a manifest-only image: `source_declarative_manifest/manifest.yaml` in the folder
 * the package is installed at (in an image, /airbyte/integration_code), when it is there. As in
 * Airbyte's image, it makes the generic image the connector that manifest describes.
 */
export function findLocalManifest(packageRoot: string): string | undefined {
  const path = join(packageRoot, LOCAL_MANIFEST);
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

/** This package's folder, from the module that runs (dist/cli/main.js or src/cli/*.ts). */
export function packageRootOf(moduleUrl: string): string {
  return fileURLToPath(new URL('../../', moduleUrl));
}
