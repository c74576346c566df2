/** The connector a sync runs: a package folder (in-process), `--command` or `--image`; exactly one. */
import { UsageError } from '../exit-codes.js';
import { type Connector, ConnectorFailure } from './connector.js';
import { PackageConnector } from './package-connector.js';
import { ProcessConnector } from './process-connector.js';

export interface ConnectorChoice {
  /** A Tributary connector package folder. */
  folder: string | undefined;
  /** An Airbyte source executable. */
  command: string | undefined;
  /** An Airbyte connector image. */
  image: string | undefined;
}

/** Opens the one connector given; none, several, or a folder that is not a connector package is a usage error. */
export async function openConnector(choice: ConnectorChoice, log: (level: string, message: string) => void): Promise<Connector> {
  const given = [choice.folder, choice.command, choice.image].filter((value) => value !== undefined).length;
  if (given !== 1) throw new UsageError('give exactly one connector: a package folder, --command "<cmd>" or --image <image>');
  if (choice.command !== undefined) return ProcessConnector.command(choice.command, log);
  if (choice.image !== undefined) return ProcessConnector.image(choice.image, log);
  try {
    return await PackageConnector.load(choice.folder as string, log);
  } catch (error) {
    if (error instanceof ConnectorFailure) throw new UsageError(error.message);
    throw error;
  }
}
