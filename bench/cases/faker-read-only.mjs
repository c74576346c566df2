// Case f, the read-only half: the faker connector read in-process exactly as `tributary sync`
// reads it (bench/lib/faker-in-process.mjs), into a sink that only counts the records. Its
// throughput next to the end-to-end sync shows what the DuckDB destination costs. Usage:
// node faker-read-only.mjs <users-count>; prints the record count on stderr and exits 1 unless
// it is 2 × users-count.
import { readFaker } from '../lib/faker-in-process.mjs';

const count = Number(process.argv[2]);
let records = 0;
const ok = await readFaker(count, () => () => {
  records++;
  return false;
});
process.stderr.write(`records=${records}\n`);
process.exit(ok && records === 2 * count ? 0 : 1);
