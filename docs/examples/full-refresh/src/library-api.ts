/**
 * The data source of the example: a library's catalogue, served a page at a time as an API
 * would serve it. Deterministic, so the tests can name exact records.
 */
export interface Book {
  isbn: string;
  title: string;
  author: { name: string; born: string | null };
  published: string | null;
  [customField: string]: unknown;
}

export interface Copy {
  branch: string;
  copy: number;
  isbn: string;
  condition: 'new' | 'good' | 'worn';
}

export const BRANCHES = ['central', 'harbour', 'hill'] as const;
const CONDITIONS = ['new', 'good', 'worn'] as const;

export class LibraryApi {
  constructor(private readonly bookCount: number) {}

  /** One page of books; an empty page means there are no more. */
  async booksPage(page: number, pageSize: number): Promise<Book[]> {
    await Promise.resolve(); // stands for the network round trip
    const first = page * pageSize;
    const books: Book[] = [];
    for (let n = first; n < Math.min(first + pageSize, this.bookCount); n++) books.push(bookNumber(n));
    return books;
  }

  /** Every copy of a book, in every branch that holds one. */
  copiesOf(isbn: string, n: number): Copy[] {
    return BRANCHES.slice(0, 1 + (n % BRANCHES.length)).map((branch, index) => ({
      branch,
      copy: index + 1,
      isbn,
      condition: CONDITIONS[(n + index) % CONDITIONS.length]!,
    }));
  }
}

export function bookNumber(n: number): Book {
  return {
    isbn: `978-0-${String(100000 + n)}-0`,
    title: `Book ${n}`,
    author: { name: `Author ${n % 17}`, born: n % 2 === 0 ? `19${50 + (n % 40)}-01-01` : null },
    published: n % 5 === 0 ? null : `20${String(n % 24).padStart(2, '0')}-06-01`,
    shelf: `S-${n % 40}`,
    language: n % 3 === 0 ? 'fr' : 'en',
  };
}
