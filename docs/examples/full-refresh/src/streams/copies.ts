import { type ReadOptions, Stream } from '@tributary/cdk';
import type { LibraryConfig } from '../config.js';
import { type Copy, LibraryApi } from '../library-api.js';

// #region stream
/** Copies of each book, per branch: a composite primary key, and a name that is not the class name's. */
export class BookCopies extends Stream<Copy> {
  name = 'copies'; // schemas/copies.json
  primaryKey = ['branch', 'copy', 'isbn']; // three fields together identify a record

  constructor(private readonly config: LibraryConfig) {
    super();
  }

  *readRecords(_options: ReadOptions): Generator<Copy> {
    const api = new LibraryApi(this.config.books);
    for (let n = 0; n < this.config.books; n++) {
      yield* api.copiesOf(`978-0-${String(100000 + n)}-0`, n);
    }
  }
}
// #endregion stream
