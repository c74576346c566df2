/** `--streams a,b`: a comma-separated list, blanks and empty items dropped; undefined when not given. */
export function readList(argument: string | undefined): string[] | undefined {
  return argument
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
