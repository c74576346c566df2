/**
 * The corpus connectors whose `discover` differs from the Python CDK's, each with its reason
 * (KNOWN_DIFFERENCES.md explains them). The corpus test checks that the differences are exactly
 * these: a new one is a regression, a fixed one must be taken off the list.
 */
export const DISCOVER_DIFFERENCES: Readonly<Record<string, string>> = {
  'source-bamboo-hr':
    'a CustomSchemaLoader (Python code from components.py) builds a stream schema: Tributary fails that discover, naming the class',
  'source-us-census':
    'a CustomSchemaLoader (Python code from components.py) builds the stream schema: Tributary fails that discover, naming the class',
};

/** Connectors where the Python CDK printed no CATALOG but Tributary does, and why that is right. */
export const CATALOG_WHERE_PYTHON_FAILED: Readonly<Record<string, string>> = {
  'source-alpha-vantage':
    "Python crashed constructing the connector's own components.py extractor (TypeError); discover needs no extractor",
  'source-bigcommerce': "Python could not import the connector's components.py; discover needs no transformation",
  'source-xero': "the connector's components.py does not import on Python 3.11 (a mutable dataclass default); discover needs none of it",
  'source-babelforce':
    "Python parses the start date of the incremental cursor while building streams and the dummy config's date does not match its format; Tributary checks that date when reading (part 2)",
};
