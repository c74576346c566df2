// Preloaded into every measured child (NODE_OPTIONS=--import=<this file's URL>). At exit it writes
// JSON to the file named by BENCH_REPORT_FILE:
// - maxRssKiB: process.resourceUsage().maxRSS, the child's peak resident set size;
// - stdoutBytes: bytes that went through process.stdout, counted by wrapping the stream's
//   _write/_writev (one addition per write call, no copy, no scan), which lets the harness check
//   a run whose stdout is /dev/null against the counted pipe run of the same case;
// - writtenBytes: `wchar` of /proc/self/io (every write(2), including libuv's 8-byte wake-ups);
// - cpuS: user + system CPU time of the whole process (all its threads), in seconds.
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_REPORT_FILE;
if (target) {
  let stdoutBytes = 0;
  const stdout = process.stdout;
  const write = stdout._write;
  stdout._write = function countedWrite(chunk, encoding, callback) {
    stdoutBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
    return write.call(this, chunk, encoding, callback);
  };
  const writev = stdout._writev;
  if (typeof writev === 'function') {
    stdout._writev = function countedWritev(chunks, callback) {
      for (const { chunk, encoding } of chunks) {
        stdoutBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
      }
      return writev.call(this, chunks, callback);
    };
  }
  process.once('exit', () => {
    let writtenBytes = null;
    try {
      const match = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
      if (match) writtenBytes = Number(match[1]);
    } catch {
      // No /proc (not Linux): only the stdout count is reported.
    }
    const usage = process.resourceUsage();
    const cpuS = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, stdoutBytes, writtenBytes, cpuS }));
  });
}
