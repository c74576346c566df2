// Turns the verified runs of each case into medians (and ranges) for the report.
import { max, median, min } from './stats.mjs';

const MB = 1e6;

/** A timed run's numbers; `outputBytes` is the size of its output, from the counted run. */
export function runNumbers(records, timed, outputBytes) {
  const seconds = timed.wallMs / 1000;
  return {
    wallS: seconds,
    recordsPerS: records / seconds,
    mbPerS: outputBytes / MB / seconds,
    rssMB: kibToMB(timed.report?.maxRssKiB),
    cpuS: timed.report?.cpuS ?? null,
    stdoutBytes: timed.report?.stdoutBytes ?? null,
  };
}

/** A counted (pipe) run's numbers: its speed includes the harness reading and checking the output. */
export function countedNumbers(records, counted) {
  const seconds = counted.wallMs / 1000;
  const { bytes, lines, types, samplesChecked } = counted.output;
  return { wallS: seconds, recordsPerS: records / seconds, rssMB: kibToMB(counted.report?.maxRssKiB), bytes, lines, types, samplesChecked };
}

/** Medians (and min/max of records/s) over the verified timed runs of one case, and its pipe speed. */
export function summarizeRuns(runs, countedRuns) {
  const ok = runs.filter((run) => run.verified);
  const pick = (key) => ok.map((run) => run.numbers[key]);
  const recordsPerS = pick('recordsPerS');
  return {
    verifiedRuns: ok.length,
    totalRuns: runs.length,
    wallS: median(pick('wallS')),
    recordsPerS: median(recordsPerS),
    recordsPerSMin: min(recordsPerS),
    recordsPerSMax: max(recordsPerS),
    mbPerS: median(pick('mbPerS')),
    rssMB: median(pick('rssMB')),
    cpuS: median(pick('cpuS')),
    pipeRecordsPerS: median(countedRuns.map((run) => run.recordsPerS)),
    pipeRuns: countedRuns.length,
    outputBytes: countedRuns[0]?.bytes ?? null,
  };
}

/** Median wall time (ms) of one start-up command. */
export function summarizeStarts(wallMsList) {
  return { medianMs: median(wallMsList), minMs: min(wallMsList), maxMs: max(wallMsList), runs: wallMsList.length };
}

export function kibToMB(kib) {
  return Number.isFinite(kib) ? (kib * 1024) / MB : null;
}
