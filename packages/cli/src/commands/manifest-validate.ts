/**
 * `tributary manifest validate <manifest.yaml>`: loads an Airbyte declarative manifest as the
 * runtime does (PyYAML typing, references, `$parameters`, default types) and checks it against
 * the component schema. Problems are listed one a line with the YAML line and column and the
 * component path; a valid manifest gets a short summary.
 */
import type { LoadedManifest } from '@tributary/declarative';
import type { Command } from 'commander';
import { type DeclarativeEngine, declarativeEngine } from '../connectors/declarative-engine.js';
import type { Output } from '../output.js';

/** Validates one manifest file; resolves to the exit code (0 valid, 1 not). */
export async function validateManifestCommand(file: string, output: Output): Promise<number> {
  const engine = await declarativeEngine();
  const { formatIssue, loadManifestFile, ManifestError } = engine;
  let manifest: LoadedManifest;
  try {
    manifest = loadManifestFile(file);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    const issues = error.issues.length > 0 ? error.issues : [{ message: error.message, file }];
    output.stdout.write(`${file}: ${issueSummary(error.message, issues.length)}\n`);
    for (const issue of issues) output.stdout.write(`  ${formatIssue(issue)}\n`);
    return 1;
  }
  output.stdout.write(`${summary(file, manifest, engine)}\n`);
  return 0;
}

function issueSummary(message: string, count: number): string {
  const head = message.split(': ')[0];
  return count === 1 ? `${head} (1 problem)` : `${head} (${count} problems)`;
}

function summary(file: string, manifest: LoadedManifest, { findCustomComponents }: DeclarativeEngine): string {
  const resolved = manifest.resolved;
  const streams = Array.isArray(resolved.streams) ? resolved.streams : [];
  const names = streams.map((stream) => (typeof stream.name === 'string' ? stream.name : stream.type)).filter(Boolean);
  const dynamic = Array.isArray(resolved.dynamic_streams) ? resolved.dynamic_streams.length : 0;
  const lines = [
    `${file}: valid (manifest version ${resolved.version}, ${streams.length} stream${streams.length === 1 ? '' : 's'}${dynamic ? `, ${dynamic} dynamic stream definition${dynamic === 1 ? '' : 's'}` : ''})`,
  ];
  if (names.length > 0) lines.push(`  streams: ${names.join(', ')}`);
  const custom = findCustomComponents(resolved);
  if (custom.length > 0) {
    const classes = [...new Set(custom.map((use) => use.className))];
    lines.push(
      `  note: ${custom.length} custom Python component${custom.length === 1 ? '' : 's'} (${classes.join(', ')}): Tributary runs no Python, so the streams that use them cannot be read`,
    );
  }
  return lines.join('\n');
}

export function register(program: Command, output: Output, setExitCode: (code: number) => void): Command {
  const manifest = program.command('manifest').description('work with Airbyte declarative (low-code) YAML manifests');
  manifest
    .command('validate')
    .description('check a manifest against the declarative component schema, with line, column and component path for each problem')
    .argument('<manifest>', 'the manifest.yaml file')
    .addHelpText(
      'after',
      `
Examples:
  tributary manifest validate manifest.yaml

Exits 0 when the manifest is valid, 1 when it is not (each problem on its own line).`,
    )
    .action(async (file: string) => {
      setExitCode(await validateManifestCommand(file, output));
    });
  return manifest;
}
