import type { JsonSchema } from '../../index.js';
import { draft07Problems } from '../json-schema-tools.js';
import { protocolProblemsOf } from '../protocol-schema.js';
import type { AcceptanceContext } from './context.js';
import type { AcceptanceCheck } from './options.js';
import { assertNoProblems } from './problems.js';

/** Property names that hold credentials: they must be marked `airbyte_secret`. */
const SECRET_NAME = /(password|passwd|secret|token|api_?key|access_?key|private_?key|passphrase)$/i;

export function specChecks(context: AcceptanceContext<unknown>): AcceptanceCheck[] {
  return [
    {
      id: 'spec',
      title: 'spec: prints one valid SPEC message and exits 0',
      async run() {
        const result = await context.spec();
        const problems = protocolProblemsOf(result.messages);
        if (result.exitCode !== 0) problems.unshift(`spec failed: ${result.describeErrors()}`);
        const specs = result.messagesOfType('SPEC').length;
        if (specs !== 1) problems.push(`expected one SPEC message, got ${specs}`);
        assertNoProblems(problems, 'The spec command is not right');
      },
    },
    {
      id: 'spec-schema',
      title: 'spec: connectionSpecification is a valid draft-07 JSON Schema of an object',
      async run() {
        const schema = (await context.spec()).spec.connectionSpecification;
        const problems = draft07Problems(schema, 'connectionSpecification');
        if (problems.length === 0 && !allowsObject(schema))
          problems.push('connectionSpecification must describe an object (type "object")');
        assertNoProblems(problems, 'The connection specification is not a valid JSON Schema');
      },
    },
    {
      id: 'spec-secrets',
      title: 'spec: secret fields are marked airbyte_secret',
      async run() {
        const problems = unmarkedSecrets((await context.spec()).spec.connectionSpecification, 'connectionSpecification');
        assertNoProblems(
          problems,
          'Fields that look like credentials are not marked "airbyte_secret": true (their values would be shown and logged)',
        );
      },
    },
  ];
}

function allowsObject(schema: JsonSchema): boolean {
  const type = schema.type;
  return type === undefined || type === 'object' || (Array.isArray(type) && type.includes('object'));
}

/** String properties named like credentials and not marked `airbyte_secret`, anywhere in the spec. */
export function unmarkedSecrets(schema: JsonSchema | undefined, at: string): string[] {
  if (schema === undefined || typeof schema !== 'object') return [];
  const problems: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const where = `${at}.properties.${name}`;
    if (SECRET_NAME.test(name) && isStringLike(property) && property.airbyte_secret !== true && property.const === undefined) {
      problems.push(`${where} looks like a credential but is not marked airbyte_secret`);
    }
    problems.push(...unmarkedSecrets(property, where));
  }
  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
    (schema[keyword] ?? []).forEach((branch, index) => {
      problems.push(...unmarkedSecrets(branch, `${at}.${keyword}[${index}]`));
    });
  }
  if (schema.items !== undefined && !Array.isArray(schema.items)) problems.push(...unmarkedSecrets(schema.items, `${at}.items`));
  return problems;
}

function isStringLike(schema: JsonSchema): boolean {
  const type = schema.type;
  return type === undefined ? schema.properties === undefined : type === 'string' || (Array.isArray(type) && type.includes('string'));
}
