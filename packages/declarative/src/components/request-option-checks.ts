import { isMapping, type JsonMapping } from '../manifest/json-values.js';
import { walkComponents } from './walk-components.js';

/** A problem with a component, at its path below the stream that was checked. */
export interface ComponentProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * The checks the Python CDK's `RequestOption` and `DefaultPaginator` make when a stream's
 * components are built (so they fail `discover` there too): a request option names its key with
 * exactly one of `field_name` and `field_path`, a nested `field_path` only goes into a JSON body,
 * and a paginator's page size and page token do not write the same key.
 */
export function requestOptionProblems(stream: unknown, base: Array<string | number>): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  walkComponents(stream, base, (value, path) => {
    if (value.type === 'RequestOption') problems.push(...optionProblems(value, [...path]));
    if (value.type === 'DefaultPaginator') problems.push(...paginatorProblems(value, [...path]));
  });
  return problems;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function optionProblems(option: JsonMapping, path: Array<string | number>): ComponentProblem[] {
  if (isSet(option.field_name) && isSet(option.field_path)) {
    return [{ path, message: 'a RequestOption takes either field_name or field_path, not both (field_path may come from $parameters)' }];
  }
  if (!isSet(option.field_name) && !isSet(option.field_path)) {
    return [{ path, message: 'a RequestOption needs field_name or field_path' }];
  }
  if (isSet(option.field_path) && option.inject_into !== 'body_json') {
    return [
      {
        path,
        message: `field_path (a nested key) only works with inject_into: body_json, not ${String(option.inject_into)}; use field_name`,
      },
    ];
  }
  return [];
}

function paginatorProblems(paginator: JsonMapping, path: Array<string | number>): ComponentProblem[] {
  const size = paginator.page_size_option;
  const token = paginator.page_token_option;
  if (!isMapping(size) || !isMapping(token) || token.type !== 'RequestOption' || size.inject_into !== token.inject_into) return [];
  const sizeKey = keyPath(size);
  const tokenKey = keyPath(token);
  if (sizeKey.length === 0 || tokenKey.length === 0) return [];
  const shorter = Math.min(sizeKey.length, tokenKey.length);
  const clash = sizeKey.slice(0, shorter).every((part, index) => part === tokenKey[index]);
  if (!clash) return [];
  return [
    {
      path: [...path, 'page_size_option'],
      message: `the page size and the page token are both written to '${sizeKey.join('.')}' (${String(size.inject_into)}); give them different keys`,
    },
  ];
}

function keyPath(option: JsonMapping): string[] {
  if (Array.isArray(option.field_path)) return option.field_path.map(String);
  return isSet(option.field_name) ? [String(option.field_name)] : [];
}
