/** The connector a sync runs: a package folder or a declarative manifest (in-process), `--command` or `--image`; exactly one. */
import { UsageError } from '../exit-codes.js';
import { type Connector, ConnectorFailure } from './connector.js';
import { isManifestArgument, loadManifestConnector } from './manifest-connector.js';
import { loadPackageConnector } from './package-connector.js';
import { ProcessConnector } from './process-connector.js';

export interface ConnectorChoice {
  /** A Tributary connector package folder, or an Airbyte declarative manifest (`.yaml`/`.yml`). */
  folder: string | undefined;
  /** An Airbyte source executable. */
  command: string | undefined;
  /** An Airbyte connector image. */
  image: string | undefined;
}

/**
 * Opens the one connector given; none, several, a folder that is not a connector package or a
 * missing manifest is a usage error; a manifest with problems is an error that lists them.
 */
export async function openConnector(choice: ConnectorChoice, log: (level: string, message: string) => void): Promise<Connector> {
  const given = [choice.folder, choice.command, choice.image].filter((value) => value !== undefined).length;
  if (given !== 1)
    throw new UsageError('give exactly one connector: a package folder, a manifest (.yaml), --command "<cmd>" or --image <image>');
  if (choice.command !== undefined) return ProcessConnector.command(choice.command, log);
  if (choice.image !== undefined) return ProcessConnector.image(choice.image, log);
  const folder = choice.folder as string;
  if (isManifestArgument(folder)) return loadManifestConnector(folder, log);
  try {
    return await loadPackageConnector(folder, log);
  } catch (error) {
    if (error instanceof ConnectorFailure) throw new UsageError(error.message);
    throw error;
  }
}
