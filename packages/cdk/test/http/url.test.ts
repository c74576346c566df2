import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { redactUrl } from '../../src/http/redact-url.js';
import { applyQueryParams, joinUrl, resolveLink } from '../../src/http/url.js';
import { registerSecret } from '../../src/output/secret-masker.js';

test('joinUrl never drops a segment of the base path, whatever the slashes', () => {
  const cases: Array<[string, string, string]> = [
    ['https://x/api/v1', 'users', 'https://x/api/v1/users'],
    ['https://x/api/v1', '/users', 'https://x/api/v1/users'],
    ['https://x/api/v1/', 'users', 'https://x/api/v1/users'],
    ['https://x/api/v1/', '/users', 'https://x/api/v1/users'],
    ['https://x/api/v1//', '//users', 'https://x/api/v1/users'],
    ['https://x/api/v1', 'users/42/orders', 'https://x/api/v1/users/42/orders'],
    ['https://x/api/v1', 'users/', 'https://x/api/v1/users/'],
    ['https://x', 'users', 'https://x/users'],
    ['https://x/', '/users', 'https://x/users'],
    ['https://x/api/v1', '', 'https://x/api/v1'],
    ['https://x/api/v1/', '', 'https://x/api/v1/'],
    ['https://x/api/v1?key=1', 'users?active=true', 'https://x/api/v1/users?key=1&active=true'],
    ['https://x/api/v1', 'users#fragment', 'https://x/api/v1/users'],
    ['https://x/api/v1', 'https://other.example/next?page=2', 'https://other.example/next?page=2'],
  ];
  for (const [base, path, expected] of cases) assert.equal(joinUrl(base, path).toString(), expected, `${base} + ${path}`);
});

test('joinUrl fails with a config_error on a base that is not an http(s) URL', () => {
  for (const base of ['api.example.com/v1', 'ftp://x/files', '']) {
    assert.throws(
      () => joinUrl(base, 'users'),
      (error: unknown) => error instanceof ConnectorError && error.failureType === 'config_error',
      base,
    );
  }
});

test('applyQueryParams replaces same-named parameters, repeats arrays and skips null and undefined', () => {
  const url = applyQueryParams(new URL('https://x/items?page=1&keep=yes'), {
    page: 2,
    tags: ['a', 'b'],
    empty: undefined,
    none: null,
    flag: true,
  });
  assert.equal(url.toString(), 'https://x/items?keep=yes&page=2&tags=a&tags=b&flag=true');
  const link = applyQueryParams(new URL('https://x/items?page=3&per_page=50'), { per_page: 100, sort: 'id' }, true);
  assert.equal(link.toString(), 'https://x/items?page=3&per_page=50&sort=id', 'a next link keeps its own values');
});

test('resolveLink resolves relative links against the response URL', () => {
  assert.equal(resolveLink('/api/items?page=2', 'https://x/api/items?page=1'), 'https://x/api/items?page=2');
  assert.equal(resolveLink('?page=2', 'https://x/api/items?page=1'), 'https://x/api/items?page=2');
  assert.equal(resolveLink('https://y/z', 'https://x/a'), 'https://y/z');
});

test('redactUrl masks credential parameters, passwords in the URL and registered secrets', () => {
  registerSecret('s3cr3t-path-token');
  assert.equal(
    redactUrl('https://user:pw@x/api/s3cr3t-path-token/items?api_key=abc&page=2&access_token=zzz'),
    'https://user:****@x/api/****/items?api_key=****&page=2&access_token=****',
  );
  assert.equal(redactUrl('not a url s3cr3t-path-token'), 'not a url ****');
});
