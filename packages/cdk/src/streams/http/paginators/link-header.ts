/** One link of an RFC 8288 (formerly RFC 5988) `Link` header. */
export interface WebLink {
  url: string;
  /** The relation types, lower-cased (`rel="next last"` gives two). */
  rel: string[];
  params: Record<string, string>;
}

/**
 * Parses `Link: <https://api/x?page=2>; rel="next", <https://api/x?page=9>; rel="last"`.
 * Commas inside `<…>` and quoted strings are part of the link, not separators.
 */
export function parseLinkHeader(value: string | null | undefined): WebLink[] {
  if (!value) return [];
  const links: WebLink[] = [];
  let index = 0;
  const length = value.length;
  while (index < length) {
    const open = value.indexOf('<', index);
    if (open === -1) break;
    const close = value.indexOf('>', open + 1);
    if (close === -1) break;
    const url = value.slice(open + 1, close).trim();
    index = close + 1;
    const params: Record<string, string> = {};
    // Parameters run until a comma that is outside quotes.
    while (index < length) {
      while (index < length && /\s/.test(value[index]!)) index++;
      if (value[index] === ',') {
        index++;
        break;
      }
      if (value[index] !== ';') {
        index++;
        continue;
      }
      index++;
      const nameMatch = /^\s*([^\s=;,]+)\s*/.exec(value.slice(index));
      if (!nameMatch) continue;
      const name = nameMatch[1]!.toLowerCase();
      index += nameMatch[0].length;
      let paramValue = '';
      if (value[index] === '=') {
        index++;
        while (index < length && /\s/.test(value[index]!)) index++;
        if (value[index] === '"') {
          index++;
          let text = '';
          while (index < length && value[index] !== '"') {
            if (value[index] === '\\' && index + 1 < length) index++;
            text += value[index];
            index++;
          }
          index++;
          paramValue = text;
        } else {
          const token = /^[^;,]*/.exec(value.slice(index))![0];
          index += token.length;
          paramValue = token.trim();
        }
      }
      if (!(name in params)) params[name] = paramValue;
    }
    const rel = (params.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    links.push({ url, rel, params });
  }
  return links;
}
