// What a paginator learns from a page: the response (status, headers, its first decoded item) and
// the records the selector kept. Templates see `response`, `headers` (the response's headers as a
// dict, with `link` replaced by requests' parsed Link header), `last_record`, `last_page_size`.
import type { DecodedValue } from '../decoders/decoder.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import type { StreamSlice } from '../slices/stream-slice.js';

/** A page's response, as pagination strategies read it. */
export interface PageResponse {
  readonly status: number;
  /** The response's headers as received: name (its case kept) and value. */
  readonly headers: readonly (readonly [string, string])[];
  /** The first item the pagination decoder gives (see decodeForPagination). */
  readonly decoded: DecodedValue;
}

/** What pagination strategies see of a page: its response, records and how many were extracted. */
export interface PageOutcome {
  readonly response: PageResponse;
  /** Records the selector emitted for the page. */
  readonly lastPageSize: number;
  readonly lastRecord: Record<string, unknown> | null;
  /** Records the extractor gave for the page before filtering (OffsetIncrement counts these). */
  readonly extractedCount?: number;
  /** The slice the page belongs to (data feeds ask the cursor about the last record in it). */
  readonly slice?: StreamSlice | null;
}

/** requests' parse_header_links on a Link header, keyed by `rel` (else the URL), as `response.links`. */
export function parseLinks(header: string | undefined): PlainDict {
  const links: PlainDict = {};
  const value = header?.replace(/^[ '"]+|[ '"]+$/g, '') ?? '';
  if (value === '') return links;
  for (const part of value.split(/, *</)) {
    const semicolon = part.indexOf(';');
    const url = semicolon === -1 ? part : part.slice(0, semicolon);
    const params = semicolon === -1 ? '' : part.slice(semicolon + 1);
    const link: PlainDict = { url: url.replace(/^[<> '"]+|[<> '"]+$/g, '') };
    for (const param of params.split(';')) {
      const pieces = param.split('=');
      if (pieces.length !== 2) break;
      link[pieces[0].replace(/^[ '"]+|[ '"]+$/g, '')] = pieces[1].replace(/^[ '"]+|[ '"]+$/g, '');
    }
    const key = (link.rel || link.url) as string;
    links[key] = link;
  }
  return links;
}

/** `dict(response.headers)` with `link` set to the parsed links, as CursorPagination passes it. */
export function headersForTemplates(headers: PageResponse['headers']): PlainDict {
  const dict: PlainDict = {};
  const seen = new Map<string, string>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    const existing = seen.get(lower);
    if (existing !== undefined) {
      dict[existing] = `${dict[existing] as string}, ${value}`;
      continue;
    }
    seen.set(lower, name);
    dict[name] = value;
  }
  const linkName = seen.get('link');
  dict.link = parseLinks(linkName === undefined ? undefined : (dict[linkName] as string));
  return dict;
}

/** A record as templates read it (`last_record`). */
export function recordValue(record: Record<string, unknown> | null): PyValue {
  return record as PyValue;
}
