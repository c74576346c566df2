// Whether a paginator's templates may read the part of the response the records were taken from.
// The CDK's paginator reads a freshly parsed response, untouched by transformations; when its
// templates only read other members (`response.next`, `response['meta']`), the records can be
// transformed in place in the decoded response, with no copy of each record nor second parse.
// Anything this check cannot follow (a `response` not read by a plain member name, a templated or
// wildcard field path) counts as a read of the records.
import type { DefaultPaginator as DefaultPaginatorModel, NoPagination as NoPaginationModel } from '../components/component-types.js';

const MEMBER = /^\s*(?:\.get\(\s*(['"])([^'"\\]*)\1|\.\s*([A-Za-z_]\w*)\s*(\()?|\[\s*(['"])([^'"\\]*)\5\s*\])/;
const DICT_METHODS = new Set(['keys', 'values', 'items', 'get', 'copy', 'pop', 'setdefault', 'update']);

export function paginatorMayReadRecords(
  paginator: DefaultPaginatorModel | NoPaginationModel | undefined,
  fieldPath: readonly unknown[],
): boolean {
  if (paginator === undefined || paginator.type !== 'DefaultPaginator') return false;
  const strategy = paginator.pagination_strategy as Record<string, unknown>;
  const templates = ['cursor_value', 'stop_condition', 'page_size']
    .map((key) => strategy[key])
    .filter((value): value is string => typeof value === 'string' && /response/.test(value));
  if (templates.length === 0) return false;
  const first = fieldPath[0];
  if (typeof first !== 'string' || first === '*' || first.includes('{')) return true;
  return templates.some((template) => readsMember(template, first));
}

/** True when some `response` in the template may read `member` (or the whole response). */
function readsMember(template: string, member: string): boolean {
  for (const match of template.matchAll(/\bresponse\b/g)) {
    const access = MEMBER.exec(template.slice((match.index ?? 0) + match[0].length));
    if (access === null) return true;
    const [, , key, attribute, call, , item] = access;
    if (attribute !== undefined && (call !== undefined || DICT_METHODS.has(attribute))) return true;
    if ((attribute ?? item ?? key) === member) return true;
  }
  return false;
}
