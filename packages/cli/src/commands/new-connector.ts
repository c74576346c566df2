/**
 * `tributary new source-<name> [--http] [--dir <folder>]`: generates a connector package that
 * builds, passes its tests and the acceptance suite from the first minute.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { fileErrorWords, isFileSystemError } from '../file-error-words.js';
import { connectorTemplate, type NewConnectorOptions } from '../scaffold/connector-template.js';

/**
 * Writes a new connector; refuses to write into a folder that is not empty. Returns its folder
 * and files. A file-system failure names the path and says what is wrong in words.
 */
export function createConnector(options: NewConnectorOptions): { dir: string; files: string[] } {
  const files = connectorTemplate(options);
  const dir = resolve(options.dir ?? '.', options.name);
  if (holdsFiles(dir)) throw new Error(`${dir} already exists and is not empty`);
  for (const [path, content] of files) {
    const target = join(dir, path);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    } catch (error) {
      if (!isFileSystemError(error)) throw error;
      throw new Error(`cannot create the connector in ${dir}: ${fileErrorWords(error)} (${error.path ?? target})`, { cause: error });
    }
  }
  return { dir, files: [...files.keys()] };
}

/** True when `dir` is a folder with something in it; a folder that cannot be listed is an error. */
function holdsFiles(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch (error) {
    if (!isFileSystemError(error) || error.code === 'ENOENT') return false;
    // A path through a file, or one too long, fails again (and is reported) when it is created.
    if (error.code === 'ENOTDIR' || error.code === 'ENAMETOOLONG') return false;
    throw new Error(`cannot create the connector in ${dir}: ${fileErrorWords(error)} (${error.path ?? dir})`, { cause: error });
  }
}

/** Adds `tributary new` to the program. */
export function register(program: Command): Command {
  return program
    .command('new')
    .description('create a connector package: a source, a stream, schemas, tests with the test kit, a Dockerfile')
    .argument('<name>', 'the package name, source-<name>')
    .option('--http', 'an HTTP API connector (HttpStream, page-number paginator, bearer token, recorded fixtures)')
    .option('--dir <folder>', 'where to create it (default: the current folder)', '.')
    .addHelpText(
      'after',
      `
Examples:
  tributary new source-acme
  tributary new source-acme-crm --http --dir connectors`,
    )
    .action((name: string, options: { http?: boolean; dir: string }, command: Command) => {
      let created: { dir: string; files: string[] };
      try {
        created = createConnector({ name, http: options.http === true, dir: options.dir });
      } catch (error) {
        command.error(`error: ${(error as Error).message}`, { exitCode: 2 });
      }
      const shown = relative(process.cwd(), created.dir) || '.';
      write(
        program,
        [
          `Created ${name} in ${shown} (${created.files.length} files, ${options.http ? 'HTTP API' : 'basic'} template).`,
          '',
          'Next:',
          `  cd ${shown}`,
          '  npm install',
          '  npm test          # type-checks, runs the tests and the acceptance suite',
          '  npm run build && node dist/main.js spec',
          '',
        ].join('\n'),
      );
    });
}

function write(program: Command, text: string): void {
  const output = program.configureOutput();
  if (output.writeOut) output.writeOut(text);
  else process.stdout.write(text);
}
