// The `unidecode` package (a port of Text::Unidecode, like Python's unidecode) ships no types.
declare module 'unidecode' {
  export default function unidecode(text: string): string;
}
