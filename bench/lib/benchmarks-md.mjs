// BENCHMARKS.md: a fixed introduction written once, and the results section between the
// markers, which every run replaces. Text outside the markers is never touched again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { benchmarksMd } from './paths.mjs';

export const START = '<!-- bench:results:start -->';
export const END = '<!-- bench:results:end -->';

const INTRO = `# Benchmarks

How fast a Tributary connector's \`read\` is, next to the fastest plain Node program doing the same
work and to the same connector written with faros-airbyte-cdk (issue 3). \`npm run bench\` measures
it and rewrites the results section below (between the \`bench:results\` markers); the rest of this
file is edited by hand.

## Reproduce

\`\`\`sh
npm ci
npm run bench                                  # 1,000,000 records, 5 rounds: a few minutes
npm run bench -- --full                        # also peak RSS at 10,000,000 records (or BENCH_FULL=1)
npm run bench -- --records 200000 --rounds 3 --only a,b   # a quick look at some cases
npm run bench -- --no-write                    # print the table, leave this file alone
npm run bench -- --only f --no-write           # only source-faker → DuckDB (issue 7), printed
npm run bench -- --node-options ''             # every case with Node's defaults (one table)
\`\`\`

The first run installs \`faros-airbyte-cdk\` 0.23.19 into the git-ignored \`.bench/faros/\`, pinned by
\`bench/peers/faros/package-lock.json\` together with \`commander\`, \`lodash\` and \`faros-js-client\`,
which it requires without declaring them. The workspaces (and so \`npm ci\`) never install it.

## Method

- **Cases.** (a) the raw Node ceiling, no CDK (\`bench/cases/raw-ceiling.mjs\`): generate each
  record, \`JSON.stringify\` the whole RECORD envelope, join lines into ~64 KiB chunks, write them to
  stdout and wait for \`drain\` when stdout is full; (b) a Tributary connector with one full-refresh
  stream whose \`readRecords\` is a sync generator, run through the real CLI \`read\`
  (\`bench/tributary-source/\`); (c) the same with \`schemaNormalization = 'default'\`; (d) the same
  connector written against faros-airbyte-cdk (\`bench/peers/faros/\`); (e) \`spec\` cold start of
  the Tributary connector against an empty \`node -e ''\` (and the faros connector's \`spec\`).
- **Records.** Every case produces the same records, from \`bench/records.mjs\`: record \`i\`
  depends only on \`i\`, about 380 bytes per RECORD line.
- **Interleaved.** Each round runs every read case once, in an order rotated by one place each
  round, so a slow patch of the shared machine hits all cases alike. Each number is the median over
  the rounds; ratios are the ratio of the medians, and next to it the median of the ratios within
  each round.
- **Timed runs.** Each run is a child process (\`node …\`) whose stdout is \`/dev/null\`, opened once
  and passed as the child's fd. Wall time is \`process.hrtime\` from spawn to exit, so it includes
  Node's start-up. records/s = records ÷ wall time; MB/s = output bytes ÷ wall time (1 MB = 10⁶ bytes).
- **Verification of every run.** Before the rounds, each case runs once at the same size with
  stdout into a pipe read by the harness (the counted run, which also warms the file cache). The
  harness counts the RECORD lines, checks that the first, the last and every 1000th record are
  exactly record \`k\` of the stream, parses every other message and fails on a TRACE error. Every
  timed \`/dev/null\` run must then have written exactly as many bytes to stdout as the counted run
  (the preload counts them inside the child, one addition per write call; the output is
  deterministic apart from timestamps of fixed width), so a run that lost or repeated even one
  record fails. faros-airbyte-cdk's runs may differ by up to 64 bytes: its STATE messages carry
  its state gzipped with a timestamp inside, whose compressed length varies by a few bytes. The timed runs themselves are never read, so checking costs them next to nothing.
  \`--count-every-round\` adds a counted run after every timed run instead. The counted run's
  speed is shown as "into a pipe": the harness parses the output meanwhile, on the other core.
- **Peak RSS.** Every read run preloads \`bench/lib/report-rss.mjs\` (\`NODE_OPTIONS=--import=…\`),
  which writes \`process.resourceUsage().maxRSS\` to a file at exit. Start-up timing runs have no
  preload; their peak RSS comes from one extra run with it (the preload adds Node's ESM loader, a
  few MB, to every command alike).
- **Node options.** Each system runs with the options its own users get: Tributary's cases with
  the CDK's \`CONNECTOR_NODE_OPTIONS\` (\`--max-semi-space-size=8\`, which images made by
  \`tributary build\` and the scaffold's Dockerfile set as \`NODE_OPTIONS\`), faros-airbyte-cdk, the
  raw ceiling and \`tributary sync\` with Node's defaults. Case (b′), Tributary with Node's defaults,
  completes a second table with the same options for all. \`--node-options F\` gives every case F
  instead (\`''\`: Node's defaults).
- **Normalisation probe.** Before case (c) the harness reads three records whose numbers and
  booleans are strings, with normalisation on, to tell whether the CDK build being measured
  actually normalises; if it does not, the normalisation ratio is marked n/a.
- **Memory run** (\`--full\`): cases (a) and (b) once each at 10,000,000 records, verified the same
  way, to compare their peak RSS with the 1,000,000-record runs.

## Results

${START}
${END}
`;

/** Replaces the results section (creating the file, or appending the markers, when missing). */
export function writeBenchmarksMd(section) {
  let text = existsSync(benchmarksMd) ? readFileSync(benchmarksMd, 'utf8') : INTRO;
  let start = text.indexOf(START);
  let end = text.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    text = `${text.trimEnd()}\n\n## Results\n\n${START}\n${END}\n`;
    start = text.indexOf(START);
    end = text.indexOf(END);
  }
  const updated = `${text.slice(0, start + START.length)}\n${section.trim()}\n${text.slice(end)}`;
  writeFileSync(benchmarksMd, updated);
}
