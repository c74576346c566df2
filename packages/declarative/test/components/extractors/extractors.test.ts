/** DpathExtractor, RecordExpander, RecordFilter and RecordSelector, with the CDK's unit test cases. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  DpathExtractor as DpathExtractorModel,
  RecordSelector as RecordSelectorModel,
} from '../../../src/components/component-types.js';
import { createRecordSelector } from '../../../src/extractors/create-record-selector.js';
import { DpathExtractor } from '../../../src/extractors/dpath-extractor.js';
import { RecordFilter } from '../../../src/extractors/record-filter.js';
import { makeSlice } from '../../../src/slices/stream-slice.js';
import { AddFields } from '../../../src/transformations/add-fields.js';
import { env } from '../helpers.js';

const config = { field: 'record_array' };
const extractor = (fieldPath: string[], extra: Partial<DpathExtractorModel> = {}) =>
  new DpathExtractor(
    { type: 'DpathExtractor', field_path: fieldPath, $parameters: { parameters_field: 'record_array' }, ...extra },
    env(config),
  );

describe('DpathExtractor (the CDK test_dpath_extractor cases)', () => {
  const cases: [string, string[], unknown, unknown[]][] = [
    ['from an array', ['data'], { data: [{ id: 1 }, { id: 2 }] }, [{ id: 1 }, { id: 2 }]],
    ['a single record', ['data'], { data: { id: 1 } }, [{ id: 1 }]],
    ['a single record from the root', [], { id: 1 }, [{ id: 1 }]],
    ['nested field', ['data', 'records'], { data: { records: [{ id: 1 }, { id: 2 }] } }, [{ id: 1 }, { id: 2 }]],
    ['field from the config', ["{{ config['field'] }}"], { record_array: [{ id: 1 }, { id: 2 }] }, [{ id: 1 }, { id: 2 }]],
    ['field from parameters', ["{{ parameters['parameters_field'] }}"], { record_array: [{ id: 1 }] }, [{ id: 1 }]],
    ['missing field', ['record'], { id: 1 }, []],
    ['wildcard in a nested list', ['list', '*', 'item'], { list: [{ item: { id: '1' } }] }, [{ id: '1' }]],
    [
      'complex nested list',
      ['data', '*', 'list', 'data2', '*'],
      { data: [{ list: { data2: [{ id: 1 }, { id: 2 }] } }, { list: { data2: [{ id: 3 }] } }] },
      [{ id: 1 }, { id: 2 }, { id: 3 }],
    ],
    ['empty dict', [], {}, []],
    ['an empty object at the path', ['data'], { data: {} }, []],
  ];
  for (const [name, path, body, expected] of cases) test(name, () => assert.deepEqual([...extractor(path).extract([body])], expected));

  test('every decoded item is read (a top-level array decodes to several items)', () => {
    assert.deepEqual([...extractor([]).extract([{ id: 1 }, { id: 2 }])], [{ id: 1 }, { id: 2 }]);
  });
});

describe('RecordExpander', () => {
  const record = { id: 'inv', lines: { data: [{ a: 1 }, 'x'] } };
  test('items of the nested list, objects copied with the parent when asked', () => {
    const ex = extractor([], {
      record_expander: { type: 'RecordExpander', expand_records_from_field: ['lines', 'data'], remain_original_record: true },
    });
    assert.deepEqual(
      [...ex.extract([record])],
      [
        { a: 1, original_record: record },
        { value: 'x', original_record: record },
      ],
    );
  });
  test('nothing to expand: skip by default, the parent with emit_parent', () => {
    const skip = extractor([], { record_expander: { type: 'RecordExpander', expand_records_from_field: ['nope'] } });
    const emit = extractor([], {
      record_expander: { type: 'RecordExpander', expand_records_from_field: ['nope'], on_no_records: 'emit_parent' },
    });
    assert.deepEqual([...skip.extract([record])], []);
    assert.deepEqual([...emit.extract([record])], [record]);
  });
});

describe('RecordFilter', () => {
  const slice = makeSlice({ partition: 'p1' }, { start_time: '2024-01-01' });
  const cases: [string, string, unknown[]][] = [
    ['on a record field', "{{ record['created_at'] > '2021-01-02' }}", [{ id: 2, created_at: '2021-01-03' }]],
    ['on config and parameters', "{{ record['id'] == config['keep'] and parameters['p'] == 'x' }}", [{ id: 1, created_at: '2021-01-01' }]],
    [
      'on the slice and its aliases',
      "{{ stream_slice['partition'] == 'p1' and stream_interval.start_time == '2024-01-01' }}",
      null as never,
    ],
    ['on next_page_token', "{{ next_page_token['next_page_token'] == 2 and record.id == 2 }}", [{ id: 2, created_at: '2021-01-03' }]],
    ['an empty condition drops everything (it evaluates to False)', '', []],
  ];
  const records = [
    { id: 1, created_at: '2021-01-01' },
    { id: 2, created_at: '2021-01-03' },
  ];
  for (const [name, condition, expected] of cases) {
    test(name, () => {
      const filter = new RecordFilter(condition, { p: 'x' }, env({ keep: 1 }));
      const kept = records.filter((r) => filter.keep(r, { slice, nextPageToken: { next_page_token: 2 } }));
      assert.deepEqual(kept, expected ?? records);
    });
  }
  test('client-side incremental: the cursor first, then the condition', () => {
    const range = { shouldBeSynced: (r: Record<string, unknown>) => r.id !== 1 };
    const filter = new RecordFilter('', {}, env(), range);
    assert.deepEqual(
      records.filter((r) => filter.keep(r, { slice, nextPageToken: null })),
      [records[1]],
    );
  });
});

describe('RecordSelector', () => {
  const model = (extra: Partial<RecordSelectorModel> = {}): RecordSelectorModel => ({
    type: 'RecordSelector',
    extractor: { type: 'DpathExtractor', field_path: ['data'] },
    record_filter: { type: 'RecordFilter', condition: "{{ record['flag'] }}" },
    ...extra,
  });
  const body = () => [
    {
      data: [
        { id: 1, flag: true },
        { id: 2, flag: false },
        { id: '3', flag: true },
      ],
    },
  ];
  const addFlag = () =>
    new AddFields({ type: 'AddFields', fields: [{ type: 'AddedFieldDefinition', path: ['flag'], value: 'True' }] }, env());
  const context = { slice: makeSlice({}), nextPageToken: null };

  test('extract → filter → transform → normalise, and the count before filtering', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer' } } };
    const selector = createRecordSelector(model({ schema_normalization: 'Default' }), env(), { transformations: [], schema });
    const page = selector.select(body(), context);
    assert.deepEqual(page.records, [
      { id: 1, flag: true },
      { id: 3, flag: true },
    ]);
    assert.equal(page.extractedCount, 3);
  });
  test('transformations run after the filter by default, before it with transform_before_filtering', () => {
    const after = createRecordSelector(model(), env(), { transformations: [addFlag()] }).select(body(), context);
    const before = createRecordSelector(model({ transform_before_filtering: true }), env(), { transformations: [addFlag()] }).select(
      body(),
      context,
    );
    assert.equal(after.records.length, 2);
    assert.equal(before.records.length, 3);
  });
  test('schema_normalization None (the default) leaves the values alone', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer' } } };
    const page = createRecordSelector(model(), env(), { transformations: [], schema }).select(body(), context);
    assert.equal(page.records[1].id, '3');
  });
  test('a record that is not an object is a clear error', () => {
    const selector = createRecordSelector(model({ record_filter: undefined }), env(), { transformations: [] });
    assert.throws(() => selector.select([{ data: [1] }], context), /not a JSON object/);
  });
});
