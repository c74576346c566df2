import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamNameFromClassName } from '../../src/streams/stream-name.js';

test('class names become snake_case with the Python CDK rule', () => {
  const cases: Record<string, string> = {
    EmployeeBenefits: 'employee_benefits',
    MyAPIStream: 'my_api_stream',
    HTTPStream: 'http_stream',
    OAuth2Tokens: 'o_auth2_tokens',
    Stream2Data: 'stream2_data',
    Users_Legacy: 'users__legacy',
    users: 'users',
  };
  for (const [className, expected] of Object.entries(cases)) assert.equal(streamNameFromClassName(className), expected, className);
});
