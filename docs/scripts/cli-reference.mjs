// docs/reference/cli.md is the `tributary` command's own help, every command's page of it, so the
// reference says exactly what the installed CLI says. `node docs/scripts/cli-reference.mjs`
// rewrites it (npm run docs does); `--check` fails when it is stale (the docs tests run that).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCS_ROOT } from './includes.mjs';

const CLI = join(DOCS_ROOT, '../packages/cli/bin/tributary.js');
export const CLI_REFERENCE = join(DOCS_ROOT, 'reference/cli.md');

/** The commands, in the order of `tributary --help`, with the subcommands of `manifest`. */
const COMMANDS = [['sync'], ['sql'], ['new'], ['test'], ['infer-schema'], ['build'], ['metadata'], ['manifest', 'validate']];

function help(args) {
  // A pipe has no width: commander wraps at 80 columns, the same on every machine.
  return execFileSync(process.execPath, [CLI, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '' } }).trimEnd();
}

/** The page, from the CLI's help texts. */
export function cliReference() {
  const sections = COMMANDS.map((command) => `## tributary ${command.join(' ')}\n\n\`\`\`text\n${help(command)}\n\`\`\``);
  return [
    '# CLI reference',
    '',
    '<!-- Generated from `tributary <command> --help` by docs/scripts/cli-reference.mjs (npm run docs); do not edit. -->',
    '',
    'The `tributary` command (package `packages/cli`, in `node_modules/.bin` after `npm ci`). Every',
    'command exits 0 when it did what it was asked, 1 when it ran and failed, 2 when the command line',
    'is wrong, and 130 or 143 when interrupted. The guides show the commands at work:',
    '[running locally](../guides/running-locally.md), [testing](../guides/testing.md),',
    '[deploying](../guides/deploying.md) and [declarative manifests](../guides/declarative-manifests.md).',
    '',
    '```text',
    help([]),
    '```',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = cliReference();
  const current = (() => {
    try {
      return readFileSync(CLI_REFERENCE, 'utf8');
    } catch {
      return '';
    }
  })();
  if (process.argv.includes('--check')) {
    if (current !== page) {
      console.error('docs/reference/cli.md is stale: run npm run docs (or node docs/scripts/cli-reference.mjs)');
      process.exit(1);
    }
  } else if (current !== page) {
    writeFileSync(CLI_REFERENCE, page);
    console.log('updated docs/reference/cli.md');
  }
}
