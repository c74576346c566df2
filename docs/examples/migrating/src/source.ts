import { Source, type Stream } from '@tributary/cdk';
import { Issues } from './issues.js';

// #region source
/** `AbstractSource`: `check_connection` returns (True, None) or raises; here it returns or throws. */
export class IssuesSource extends Source<{ token: string; repository?: string }> {
  checkConnection(config: { token: string }): void {
    if (!config.token.startsWith('ghp_')) throw new Error('the token should start with ghp_'); // (False, "...") in Python
  }

  streams(config: { token: string; repository?: string }): Stream<object>[] {
    return [new Issues(config)];
  }
}
// #endregion source
