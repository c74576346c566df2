/**
 * `tributary studio [connector-dir | manifest.yaml]`: serves Tributary Studio on 127.0.0.1, prints
 * its URL (with the run's token) and opens it in a browser when there is one. The server's code
 * (`@tributary/studio`) is imported only here, so other commands do not load it.
 */
import type { Command } from 'commander';
import { UsageError } from '../exit-codes.js';
import type { Output } from '../output.js';
import { openBrowser } from '../studio/open-browser.js';

export interface StudioCommandOptions {
  port?: string;
  open?: boolean;
}

/** Runs Studio until SIGINT or SIGTERM; resolves to the exit code (0 once stopped). */
export async function studioCommand(target: string, options: StudioCommandOptions, output: Output): Promise<number> {
  const port = parsePort(options.port);
  const { startStudio } = await import('@tributary/studio');
  let studio: Awaited<ReturnType<typeof startStudio>>;
  try {
    studio = await startStudio({ target, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`port ${port} on 127.0.0.1 is in use: choose another with --port, or leave it out for a free one`);
    throw new UsageError((error as Error).message);
  }
  output.stdout.write(`Tributary Studio: ${studio.project.name} (${studio.project.kind}, ${studio.project.folder})\n\n  ${studio.url}\n\n`);
  output.stdout.write('The link carries this run’s token: only a page opened from it can use Studio. Ctrl-C stops it.\n');
  if (options.open !== false) {
    const why = openBrowser(studio.url);
    if (why !== undefined) output.stdout.write(`No browser opened (${why}): open the link yourself.\n`);
  }
  await stopSignal();
  await studio.close();
  return 0;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new UsageError(`--port takes a port number from 0 to 65535, got '${value}'`);
  return port;
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function register(program: Command, output: Output, setExitCode: (code: number) => void): Command {
  return program
    .command('studio')
    .description(
      'develop and debug a connector or a manifest in a local web page: config form, check, discover, test reads by slice and page',
    )
    .argument('[target]', 'a connector package folder or a declarative manifest (.yaml)', '.')
    .option('--port <port>', 'the port on 127.0.0.1 (default: a free one)')
    .option('--no-open', 'do not open a browser')
    .addHelpText(
      'after',
      `
Examples:
  tributary studio connectors/source-faker
  tributary studio manifest.yaml --port 8765 --no-open

Studio listens on 127.0.0.1 only and prints a link with a token made for this run; requests
without it, from another origin or to another host name are refused. The config is saved to
<folder>/secrets/config.json (kept out of git); secrets are never sent back to the page.
For a code connector, run \`npm run build -- --watch\` beside it: a rebuilt dist/ is read again.`,
    )
    .action(async (target: string, options: StudioCommandOptions) => {
      setExitCode(await studioCommand(target, options, output));
    });
}
