import { Source, type Stream } from '@tributary/cdk';
import type { SensorsConfig } from './config.js';
import { SensorsApi } from './sensors-api.js';
import { Readings } from './streams/readings.js';
import { DailyReport, WeeklyReport } from './streams/reports.js';

// #region source
export class SensorsSource extends Source<SensorsConfig> {
  concurrency = 8; // slices in flight at once, across all streams (users override it with `_concurrency`)

  constructor(readonly api = new SensorsApi()) {
    super();
  }

  checkConnection(): void {}

  streams(config: SensorsConfig): Stream<object>[] {
    return [new Readings(this.api, config), new DailyReport(this.api), new WeeklyReport(this.api)];
  }
}
// #endregion source
