import { ConnectorError } from '../errors/connector-error.js';

/** A stream's schema cannot be loaded: a missing file, bad JSON or a `$ref` that cannot be resolved. */
export class SchemaError extends ConnectorError {
  constructor(message: string) {
    super(message, { failureType: 'system_error' });
    this.name = 'SchemaError';
  }
}
