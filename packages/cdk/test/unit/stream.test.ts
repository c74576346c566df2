import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TempDir } from '@tributary/test-support/temp-dir';
import type { JsonSchema } from '../../src/protocol/json-schema.js';
import { SchemaError } from '../../src/schema/schema-error.js';
import { normalizePrimaryKey } from '../../src/streams/primary-key.js';
import type { ReadOptions } from '../../src/streams/read-options.js';
import { Stream, sourceSchemasDirs } from '../../src/streams/stream.js';
import { Customers, createStreams, Invoices } from '../fixtures/schema-package/streams.js';

const address = { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } };
const customersSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, address },
};
const invoicesSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { number: { type: 'string' }, billing_address: address },
};

/** A folder holding `<name>.json` for the given streams. */
function schemasFor(schemas: Record<string, JsonSchema>): string {
  const files: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) files[`schemas/${name}.json`] = schema;
  return join(TempDir.withFiles(files).path, 'schemas');
}

class EmployeeBenefits extends Stream {
  readRecords(_options: ReadOptions): Record<string, unknown>[] {
    return [];
  }
}

describe('name', () => {
  test('defaults to the class name in snake_case', () => {
    assert.equal(new EmployeeBenefits().name, 'employee_benefits');
    class MyAPIStream extends EmployeeBenefits {}
    assert.equal(new MyAPIStream().name, 'my_api_stream');
  });

  test('can be overridden with a class field', () => {
    class People extends EmployeeBenefits {
      name = 'persons';
    }
    assert.equal(new People().name, 'persons');
  });

  test('can be overridden with a getter', () => {
    class People extends EmployeeBenefits {
      get name(): string {
        return 'persons';
      }
    }
    assert.equal(new People().name, 'persons');
  });

  test('a class field compiled with assignment semantics (useDefineForClassFields: false) works too', () => {
    // What `name = 'persons'` compiles to for targets before ES2022: an assignment in the constructor.
    class People extends EmployeeBenefits {
      constructor() {
        super();
        (this as { name: string }).name = 'persons';
      }
    }
    assert.equal(new People().name, 'persons');
    assert.equal(new EmployeeBenefits().name, 'employee_benefits');
  });
});

describe('primaryKey and other members', () => {
  test('primaryKey is undefined by default', () => {
    const stream = new EmployeeBenefits();
    assert.equal(stream.primaryKey, undefined);
    assert.equal(normalizePrimaryKey(stream.primaryKey), undefined);
  });

  test('primaryKey can be a class field', () => {
    class Users extends EmployeeBenefits {
      primaryKey = ['tenant', 'id'];
    }
    assert.deepEqual(normalizePrimaryKey(new Users().primaryKey), [['tenant'], ['id']]);
  });

  test('primaryKey can be a getter', () => {
    class Users extends EmployeeBenefits {
      get primaryKey(): string[][] {
        return [['meta', 'id']];
      }
    }
    assert.deepEqual(normalizePrimaryKey(new Users().primaryKey), [['meta', 'id']]);
  });

  test('namespace and cursorField can be overridden; the base does not define them', () => {
    class Events extends EmployeeBenefits {
      namespace = 'analytics';
      get cursorField(): string {
        return 'updated_at';
      }
    }
    const events = new Events();
    assert.equal(events.namespace, 'analytics');
    assert.equal(events.cursorField, 'updated_at');
    assert.equal(new EmployeeBenefits().namespace, undefined);
    assert.equal(new EmployeeBenefits().cursorField, undefined);
  });
});

describe('getJsonSchema', () => {
  test('schemasDir overrides the folder, as a field', () => {
    const dir = schemasFor({ employee_benefits: { type: 'object', properties: { plan: { type: 'string' } } } });
    class Benefits extends EmployeeBenefits {
      name = 'employee_benefits';
      schemasDir = dir;
    }
    assert.deepEqual(new Benefits().getJsonSchema(), { type: 'object', properties: { plan: { type: 'string' } } });
  });

  test('schemasDir overrides the folder, as a getter', () => {
    const dir = schemasFor({ benefits: { title: 'from getter' } });
    class Benefits extends EmployeeBenefits {
      get schemasDir(): string {
        return dir;
      }
    }
    assert.deepEqual(new Benefits().getJsonSchema(), { title: 'from getter' });
  });

  test('an override editing super.getJsonSchema() gives the same result on every call', () => {
    const dir = schemasFor({ tickets: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } });
    class Tickets extends EmployeeBenefits {
      schemasDir = dir;
      getJsonSchema(): JsonSchema {
        const schema = super.getJsonSchema() as JsonSchema;
        schema.properties!.extra = { type: 'string' };
        schema.required!.push('extra');
        return schema;
      }
    }
    const stream = new Tickets();
    const expected = { type: 'object', properties: { id: { type: 'integer' }, extra: { type: 'string' } }, required: ['id', 'extra'] };
    assert.deepEqual(stream.getJsonSchema(), expected);
    assert.deepEqual(stream.getJsonSchema(), expected);
    assert.deepEqual(new Tickets().getJsonSchema(), expected);
  });

  test('an override may be async', async () => {
    const dir = schemasFor({ tickets: { type: 'object', properties: { id: { type: 'integer' } } } });
    class Tickets extends EmployeeBenefits {
      schemasDir = dir;
      async getJsonSchema(): Promise<JsonSchema> {
        await new Promise((resolve) => setImmediate(resolve));
        const schema = this.loadSchemaFile();
        schema.properties!.fetched = { type: 'boolean' };
        return schema;
      }
    }
    const result = new Tickets().getJsonSchema();
    assert.ok(result instanceof Promise);
    assert.deepEqual(await result, { type: 'object', properties: { id: { type: 'integer' }, fetched: { type: 'boolean' } } });
  });

  test("the stream's own schemasDir wins over the source's folder", () => {
    const own = schemasFor({ benefits: { title: 'own' } });
    const fromSource = schemasFor({ benefits: { title: 'source' } });
    class Benefits extends EmployeeBenefits {
      schemasDir = own;
    }
    const stream = new Benefits();
    stream[sourceSchemasDirs] = { explicit: fromSource };
    assert.deepEqual(stream.getJsonSchema(), { title: 'own' });
  });

  test("the source's explicit schemasDir wins over the package folder", () => {
    const fromSource = schemasFor({ customers: { title: 'source' } });
    const [customers] = createStreams();
    customers[sourceSchemasDirs] = { explicit: fromSource };
    assert.deepEqual(customers.getJsonSchema(), { title: 'source' });
  });

  test('without a schema file the error names the stream and the missing file', () => {
    // This test file belongs to the @tributary/cdk package, which has no schemas/ folder.
    assert.throws(
      () => new EmployeeBenefits().getJsonSchema(),
      (error: unknown) =>
        error instanceof SchemaError &&
        error.message.includes("stream 'employee_benefits'") &&
        error.message.includes('schemas/employee_benefits.json does not exist'),
    );
  });
});

describe('default schema folder: schemas/ of the package that defines the stream', () => {
  test('found from any working directory (cwd = the temp folder)', () => {
    const cwd = process.cwd();
    process.chdir(realpathSync(tmpdir()));
    try {
      // Invoices is loaded first here, so nothing is cached when the cwd is elsewhere.
      assert.deepEqual(new Invoices().getJsonSchema(), invoicesSchema);
      const [customers] = createStreams();
      assert.deepEqual(customers.getJsonSchema(), customersSchema);
    } finally {
      process.chdir(cwd);
    }
  });

  test('for a stream built by a factory function in the connector package', () => {
    const [customers, invoices] = createStreams();
    assert.equal(customers.name, 'customers');
    assert.deepEqual(customers.getJsonSchema(), customersSchema);
    assert.deepEqual(invoices.getJsonSchema(), invoicesSchema);
  });

  test('for a stream class of the connector package constructed elsewhere', () => {
    assert.deepEqual(new Customers().getJsonSchema(), customersSchema);
    assert.deepEqual(normalizePrimaryKey(new Customers().primaryKey), [['id']]);
  });

  test('a subclass defined in another package looks in that package', () => {
    // This file's package is @tributary/cdk, which has no schemas/ folder.
    class MoreCustomers extends Customers {}
    assert.throws(() => new MoreCustomers().getJsonSchema(), /stream 'more_customers'.*schemas\/more_customers\.json does not exist/);
  });
});
