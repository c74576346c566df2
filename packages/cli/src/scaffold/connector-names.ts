/** The names a new connector's files use, derived from `source-<name>`. */
export interface ConnectorNames {
  /** `source-acme-crm`: the package and folder name. */
  packageName: string;
  /** `acme-crm` */
  shortName: string;
  /** `Acme Crm`: for titles and docs. */
  title: string;
  /** `AcmeCrmSource`: the source class. */
  sourceClass: string;
  /** `ACME_CRM`: the prefix of environment variables. */
  envPrefix: string;
}

const PACKAGE_NAME = /^source-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Checks `source-<name>` (lower case letters, digits and single dashes) and derives the other names. */
export function connectorNames(packageName: string): ConnectorNames {
  if (!PACKAGE_NAME.test(packageName)) {
    throw new Error(`the connector name must look like source-<name>: lower case letters, digits and dashes (got '${packageName}')`);
  }
  const shortName = packageName.slice('source-'.length);
  const words = shortName.split('-');
  const pascal = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return {
    packageName,
    shortName,
    title: words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' '),
    sourceClass: `${/^[0-9]/.test(pascal) ? 'Source' : ''}${pascal}Source`,
    envPrefix: shortName.replaceAll('-', '_').toUpperCase(),
  };
}
