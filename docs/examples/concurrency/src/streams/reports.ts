import { Stream } from '@tributary/cdk';
import type { SensorsApi } from '../sensors-api.js';

// #region group
/** The reports endpoint allows one call at a time: both report streams are in one group. */
abstract class Report extends Stream<{ kind: string; rows: number }> {
  concurrencyGroup = 'reports-endpoint';
  primaryKey = 'kind';

  constructor(private readonly api: SensorsApi) {
    super();
  }

  async *readRecords() {
    for (const part of ['summary', 'alerts', 'battery']) yield await this.api.report(`${this.name}:${part}`);
  }
}

export class DailyReport extends Report {}
export class WeeklyReport extends Report {}
// #endregion group
