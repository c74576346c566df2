/** The flags Airbyte's `source-declarative-manifest` adds to the connector argument contract. */
export interface ManifestArgs {
  /** `--manifest-path <yaml>`: run this manifest (else it comes in the config). Empty when given without a value. */
  manifestPath?: string;
  /** `--components-path <py>`: custom Python components; accepted for compatibility, never run. */
  componentsPath?: string;
  /** The remaining arguments, for the CDK's `launch`. */
  argv: string[];
}

const FLAGS = { '--manifest-path': 'manifestPath', '--components-path': 'componentsPath' } as const;

/** Takes `--manifest-path` and `--components-path` (as `--flag value` or `--flag=value`) out of argv. */
export function extractManifestArgs(argv: readonly string[]): ManifestArgs {
  const result: ManifestArgs = { argv: [] };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = Object.hasOwn(FLAGS, flag) ? FLAGS[flag as keyof typeof FLAGS] : undefined;
    if (key === undefined) {
      result.argv.push(arg);
      continue;
    }
    if (inline !== undefined) {
      result[key] = inline;
    } else {
      const next = argv[index + 1];
      const hasValue = next !== undefined && !next.startsWith('--');
      result[key] = hasValue ? next : '';
      if (hasValue) index++;
    }
  }
  return result;
}

/** The value of `--config` in argv, if any. */
export function configPathOf(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--config') return argv[index + 1];
    if (argv[index].startsWith('--config=')) return argv[index].slice('--config='.length);
  }
  return undefined;
}
