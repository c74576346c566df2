import { type JsonSchema, type ReadOptions, Stream } from '@tributary/cdk';
import { BRANCHES } from '../library-api.js';

interface Branch {
  code: string;
  opened: number;
}

// #region stream
/** The branches: a schema built in code, so no schemas/branches.json exists. */
export class Branches extends Stream<Branch> {
  primaryKey = 'code';

  getJsonSchema(): JsonSchema {
    return {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string', enum: [...BRANCHES] }, opened: { type: 'integer' } },
    };
  }

  readRecords(_options: ReadOptions): Branch[] {
    return BRANCHES.map((code, index) => ({ code, opened: 1901 + index * 30 })); // a handful: an array is fine
  }
}
// #endregion stream
