/**
 * Preloaded into a connector (`node --import <this file>`) to make it crash, like a SIGKILL, right
 * after its Nth RECORD line reached stdout (N from TRIBUTARY_TEST_CRASH_AFTER_RECORDS).
 *
 * Why in the child: a parent that kills on reading the Nth record races the child, which may have
 * written everything else into the pipe and exited 0 before the signal lands. Crashing here is
 * deterministic: the reader gets exactly N records, plus what came before them, and nothing after.
 */
const limit = Number(process.env.TRIBUTARY_TEST_CRASH_AFTER_RECORDS);
if (Number.isInteger(limit) && limit > 0) {
  const RECORD_PREFIX = '{"type":"RECORD"';
  const out = process.stdout;
  const write = out.write.bind(out);
  let records = 0;
  let crashed = false;

  /** Where the line holding the record that reaches the limit ends, or -1. */
  const endOfLimitRecord = (text) => {
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline + 1;
      if (text.startsWith(RECORD_PREFIX, start)) {
        records += 1;
        if (records === limit) return end;
      }
      start = end;
    }
    return -1;
  };

  out.write = (chunk, encoding, callback) => {
    // After the crash point nothing more may reach the reader; the callbacks never fire, as when
    // a process dies with writes in flight.
    if (crashed) return false;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const end = endOfLimitRecord(text);
    if (end === -1) return write(chunk, encoding, callback);
    crashed = true;
    write(text.slice(0, end), () => process.kill(process.pid, 'SIGKILL'));
    return false;
  };
}
