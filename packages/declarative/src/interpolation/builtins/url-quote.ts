// urllib.parse.quote / quote_plus as Jinja's urlencode and the CDK's sanitize_url use them.
const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

export function quote(text: string, safe = '/'): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && (ALWAYS_SAFE.test(ch) || safe.includes(ch)) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function quotePlus(text: string, safe = ''): string {
  if (!text.includes(' ')) return quote(text, safe);
  return quote(text, `${safe} `).replaceAll(' ', '+');
}
