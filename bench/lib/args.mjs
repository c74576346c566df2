// Command-line options of `npm run bench` (after `--`) / `node bench/run.mjs`.

export const ALL_CASES = ['a', 'b', 'c', 'd', 'e', 'f'];

const USAGE = `usage: npm run bench -- [options]
  --records N        records per read run (default 1000000; 1e6 and 1_000_000 work)
  --rounds K         interleaved rounds of the read cases (default 5)
  --spec-runs M      runs of each start-up command in case e (default 15)
  --only a,b,...     run only these cases: a raw ceiling, b Tributary, c Tributary + normalisation,
                     d faros-airbyte-cdk, e spec cold start, f source-faker → DuckDB
                     (tributary sync, end to end, and the same source read only);
                     g concurrent reads and h declarative load + discover run from bench/all.mjs
  --full             also measure peak RSS at 10,000,000 records (a, b and f); or BENCH_FULL=1
  --full-records N   records of that memory run (default 10000000)
  --count-every-round  follow every timed run with a counted pipe run (default: one counted run
                     per case, before the rounds; every timed run must match its byte count)
  --node-options F   Node.js options for every measured process, all cases alike ('' for Node's
                     defaults). Default: each system as its users run it: Tributary with the
                     CDK's CONNECTOR_NODE_OPTIONS (what \`tributary build\` images and the scaffold
                     set), faros-airbyte-cdk, the raw ceiling and \`tributary sync\` with Node's
                     defaults; plus (b′) Tributary with Node's defaults, for a table with the
                     same options for all
  --no-write         print the table only; leave BENCHMARKS.md and bench/results/ alone
  --help`;

export function parseArgs(argv, env) {
  const options = {
    records: 1_000_000,
    rounds: 5,
    specRuns: 15,
    only: [...ALL_CASES],
    full: env.BENCH_FULL === '1' || env.BENCH_FULL === 'true',
    fullRecords: 10_000_000,
    countEveryRound: false,
    write: true,
    /** Undefined: each case with its own users' options (cases.mjs, caseNodeOptions). */
    nodeOptions: undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--records':
        options.records = positiveInteger(flag, value());
        break;
      case '--rounds':
        options.rounds = positiveInteger(flag, value());
        break;
      case '--spec-runs':
        options.specRuns = positiveInteger(flag, value());
        break;
      case '--full-records':
        options.fullRecords = positiveInteger(flag, value());
        break;
      case '--only': {
        const ids = value()
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean);
        const unknown = ids.filter((id) => !ALL_CASES.includes(id));
        if (unknown.length > 0 || ids.length === 0)
          throw new Error(`--only takes a comma-separated list of ${ALL_CASES.join(', ')}\n${USAGE}`);
        options.only = ALL_CASES.filter((id) => ids.includes(id));
        break;
      }
      case '--full':
        options.full = true;
        break;
      case '--count-every-round':
        options.countEveryRound = true;
        break;
      case '--node-options':
        options.nodeOptions = value();
        break;
      case '--no-write':
        options.write = false;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}

export { USAGE };

function positiveInteger(flag, text) {
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}
