import { type JsonSchema, type ReadOptions, Stream } from '@tributary/cdk';
import type { LibraryConfig } from '../config.js';
import { type Book, LibraryApi } from '../library-api.js';

// #region stream
/**
 * Books, a page at a time. The name is the class name in snake_case (`books`); the schema is
 * schemas/books.json, with its `$ref`s into schemas/shared/ inlined.
 */
export class Books extends Stream<Book> {
  primaryKey = 'isbn';

  constructor(private readonly config: LibraryConfig) {
    super();
  }

  async *readRecords(_options: ReadOptions): AsyncGenerator<Book> {
    const api = new LibraryApi(this.config.books);
    for (let page = 0; ; page++) {
      const books = await api.booksPage(page, 100);
      if (books.length === 0) return;
      yield* books; // one page in memory at a time, however large the library
    }
  }
  // #endregion stream

  // #region custom-fields
  /** The static schema, plus the custom fields this library's config names (known only at run time). */
  getJsonSchema(): JsonSchema {
    const schema = this.loadSchemaFile(); // schemas/books.json, resolved: a fresh copy on every call
    for (const field of this.config.custom_fields ?? []) {
      schema.properties = { ...schema.properties, [field]: { type: ['null', 'string'] } };
    }
    return schema;
  }
  // #endregion custom-fields
}
