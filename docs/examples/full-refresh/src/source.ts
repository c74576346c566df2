import { Source, type Stream } from '@tributary/cdk';
import type { LibraryConfig } from './config.js';
import { Books } from './streams/books.js';
import { Branches } from './streams/branches.js';
import { BookCopies } from './streams/copies.js';

// #region source
/** The library: spec.json is its spec, schemas/ holds the stream schemas. */
export class LibrarySource extends Source<LibraryConfig> {
  checkConnection(config: LibraryConfig): void {
    if (config.books > 1_000_000) throw new Error('the example library holds at most 1,000,000 books');
  }

  streams(config: LibraryConfig): Stream<object>[] {
    return [new Books(config), new BookCopies(config), new Branches()];
  }
}
// #endregion source
