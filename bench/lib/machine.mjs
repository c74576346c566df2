// What the run was measured on, for the report.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export function describeMachine() {
  const cpu = cpus()[0];
  return {
    nproc: availableParallelism(),
    cpuModel: cpu ? cpu.model.trim() : 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
  };
}
