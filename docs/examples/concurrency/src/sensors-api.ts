/**
 * The example's API: sensor readings, one request per hour of a day, each taking a different
 * time to answer (fixed per hour, so runs are repeatable), which is what makes the windows of a
 * concurrent read finish out of order. It counts the requests in flight, per endpoint.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Reading {
  sensor: string;
  at: string;
  value: number;
}

export class SensorsApi {
  /** The most requests that were in flight at once, per endpoint. */
  readonly peakInFlight = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  async readings(hourStart: string): Promise<Reading[]> {
    const hour = new Date(hourStart).getUTCHours();
    return this.call('readings', ((hour * 7) % 11) * 3, () =>
      ['north', 'south'].map((sensor, index) => ({ sensor, at: hourStart, value: hour * 10 + index })),
    );
  }

  async report(kind: string): Promise<{ kind: string; rows: number }> {
    return this.call('reports', 5, () => ({ kind, rows: kind.length }));
  }

  private async call<T>(endpoint: string, delayMs: number, answer: () => T): Promise<T> {
    const now = (this.inFlight.get(endpoint) ?? 0) + 1;
    this.inFlight.set(endpoint, now);
    this.peakInFlight.set(endpoint, Math.max(now, this.peakInFlight.get(endpoint) ?? 0));
    await sleep(delayMs);
    this.inFlight.set(endpoint, (this.inFlight.get(endpoint) ?? 1) - 1);
    return answer();
  }
}
