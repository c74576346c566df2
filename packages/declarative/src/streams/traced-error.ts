// An AirbyteTracedException raised by a template (`stream_state` in a template, for one) carries
// its failure type; at the stream's boundary it becomes a ConnectorError, so the TRACE says what
// the Python CDK's says (a config_error for the manifest's own mistake) instead of system_error.
import { ConnectorError } from '@tributary/cdk';
import { PythonError } from '../interpolation/errors.js';

/** The error to report for `error`: a traced Python error as a ConnectorError of its failure type, else itself. */
export function tracedError(error: unknown): unknown {
  if (!(error instanceof PythonError) || error.failureType === undefined) return error;
  return new ConnectorError(error.message, { failureType: error.failureType, cause: error });
}

/** The items of `source`, a traced Python error raised while producing them reported as its failure type. */
export async function* reportingTraced<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    throw tracedError(error);
  }
}
