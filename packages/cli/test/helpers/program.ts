/** A `tributary` program with only some of its commands, run in this process with its output captured. */
import { Command } from 'commander';

export interface InProcessProgram {
  readonly program: Command;
  /** Runs `tributary <args>`; resolves to the error it ended with (commander's, for an exit code), if any. */
  run(...args: string[]): Promise<Error | undefined>;
  /** Everything it wrote, stdout and stderr together. */
  output(): string;
}

/** The program with the commands `registers` add (each command module's `register`). */
export function inProcessProgram(...registers: ((program: Command) => unknown)[]): InProcessProgram {
  let text = '';
  const program = new Command('tributary').exitOverride().configureOutput({
    writeOut: (chunk) => {
      text += chunk;
    },
    writeErr: (chunk) => {
      text += chunk;
    },
  });
  for (const register of registers) register(program);
  return {
    program,
    run: async (...args) => {
      try {
        await program.parseAsync(args, { from: 'user' });
        return undefined;
      } catch (error) {
        return error as Error;
      }
    },
    output: () => text,
  };
}
