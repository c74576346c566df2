import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { observeConfig, stopObservingConfig, updateConfig } from '../../src/output/config-updates.js';
import { secretMasker } from '../../src/output/secret-masker.js';
import type { AirbyteMessage } from '../../src/protocol/types.js';

afterEach(() => stopObservingConfig());

test('updateConfig merges the patch into the whole config and emits CONNECTOR_CONFIG with the result', () => {
  const emitted: AirbyteMessage[] = [];
  const original = { start_date: '2024-01-01', credentials: { client_id: 'id-1', refresh_token: 'old-refresh' }, _limit: 5 };
  observeConfig(original, (message) => emitted.push(message));

  const updated = updateConfig({ credentials: { refresh_token: 'new-refresh-4f2a', access_token: 'new-access-9c1b' } });
  const expected = {
    start_date: '2024-01-01',
    credentials: { client_id: 'id-1', refresh_token: 'new-refresh-4f2a', access_token: 'new-access-9c1b' },
    _limit: 5,
  };
  assert.deepEqual(updated, expected);
  assert.equal(emitted.length, 1);
  const message = emitted[0];
  assert.ok(message?.type === 'CONTROL');
  assert.equal(message.control.type, 'CONNECTOR_CONFIG');
  assert.ok(Number.isInteger(message.control.emitted_at));
  assert.deepEqual(message.control.connectorConfig.config, expected);
  assert.equal(original.credentials.refresh_token, 'old-refresh', 'the caller’s object is not modified');

  // A second update builds on the first.
  updateConfig({ credentials: { refresh_token: 'newer-refresh-77' } });
  const second = emitted[1];
  assert.ok(second?.type === 'CONTROL');
  assert.deepEqual(second.control.connectorConfig.config.credentials, {
    client_id: 'id-1',
    refresh_token: 'newer-refresh-77',
    access_token: 'new-access-9c1b',
  });
});

test('values passed to updateConfig are masked as secrets from then on', () => {
  observeConfig({}, () => {});
  updateConfig({ token: 'rotated-token-31337' });
  assert.equal(secretMasker.mask('Authorization: Bearer rotated-token-31337'), 'Authorization: Bearer ****');
});

test('without an observed config (spec), updateConfig emits nothing and returns undefined', () => {
  assert.equal(updateConfig({ a: 'b-value-1' }), undefined);
});
