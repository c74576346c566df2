// Preloaded into a connector process by the large-read test (NODE_OPTIONS=--import=<this file>).
// When the process exits, however it exits, it writes its peak resident set size in kilobytes
// (`process.resourceUsage().maxRSS`) to the file named by TRIBUTARY_MAX_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.TRIBUTARY_MAX_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
