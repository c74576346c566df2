/**
 * Validates messages against the official Airbyte protocol schema, `airbyte_protocol.yaml`,
 * which lives next to the repository in `../shared/protocol/` (present in CI, maybe not on a
 * laptop; tests skip with a message when it is absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AirbyteMessage } from '@tributary/cdk';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { REPO_ROOT } from './run-cli.js';

export const PROTOCOL_DIR = resolve(REPO_ROOT, '../shared/protocol');
export const PROTOCOL_FILE = resolve(PROTOCOL_DIR, 'airbyte_protocol.yaml');

/** Why the protocol tests cannot run, or undefined when they can. */
export function protocolSkipReason(): string | undefined {
  return existsSync(PROTOCOL_FILE) ? undefined : `the official protocol schema is not at ${PROTOCOL_FILE}`;
}

/** Checks one message; returns the problems found (empty when the message is valid). */
export type MessageValidator = (message: AirbyteMessage) => string[];

/**
 * Compiles the protocol's `AirbyteMessage` definition. The yaml keeps every type under
 * `definitions` and refers to them as `#/definitions/...`, so the compiled schema keeps those
 * definitions and makes `AirbyteMessage` its root.
 */
export function loadMessageValidator(): MessageValidator {
  const protocol = parse(readFileSync(PROTOCOL_FILE, 'utf8')) as { definitions: Record<string, unknown> };
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  const validate = ajv.compile({ $ref: '#/definitions/AirbyteMessage', definitions: protocol.definitions });
  const payloadKeys = new Set(Object.keys((protocol.definitions.AirbyteMessage as { properties: object }).properties));
  payloadKeys.delete('type');

  return (message) => {
    const problems = validate(message) ? [] : (validate.errors ?? []).map(describe);
    // The schema cannot say so, but the protocol sends exactly one payload, the one `type` names.
    const payloads = Object.keys(message).filter((key) => payloadKeys.has(key));
    const expected = payloadKeyFor(message.type);
    if (payloads.length !== 1 || payloads[0] !== expected) {
      problems.push(`a ${message.type} message must carry exactly the "${expected}" payload, found ${JSON.stringify(payloads)}`);
    }
    return problems;
  };
}

function payloadKeyFor(type: string): string {
  if (type === 'CONNECTION_STATUS') return 'connectionStatus';
  return type.toLowerCase();
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`;
}
