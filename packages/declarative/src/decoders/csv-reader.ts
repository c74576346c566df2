// Python's csv.reader (excel dialect, non-strict) as a state machine over text that arrives in
// pieces: quoted fields may hold delimiters and newlines, a doubled quote is a quote, a quote in an
// unquoted field is kept as is, text after a closing quote is appended, an unterminated quoted
// field ends at the end of the data. Lines end at '\n' or '\r' (text mode's universal newlines).

type State = 'startRecord' | 'startField' | 'inField' | 'inQuoted' | 'quoteInQuoted' | 'eatNewline';

export class CsvReader {
  private state: State = 'startRecord';
  private field = '';
  private fields: string[] = [];
  private fieldStarted = false;

  constructor(
    private readonly delimiter: string,
    private readonly quote = '"',
  ) {}

  /** Feeds text; returns the rows completed by it (an empty line gives an empty row). */
  push(text: string): string[][] {
    const rows: string[][] = [];
    for (const ch of text) this.step(ch, rows);
    return rows;
  }

  /** Ends the data; returns the last row if one was in progress. */
  end(): string[][] {
    if (this.fieldStarted || this.fields.length > 0 || this.state === 'inQuoted') {
      this.saveField();
      return [this.takeRow()];
    }
    return [];
  }

  private step(ch: string, rows: string[][]): void {
    const newline = ch === '\n' || ch === '\r';
    switch (this.state) {
      case 'eatNewline':
        if (newline) return;
        this.state = 'startRecord';
        this.step(ch, rows);
        return;
      case 'startRecord':
        if (newline) {
          rows.push([]);
          this.state = 'eatNewline';
          return;
        }
        this.state = 'startField';
        this.step(ch, rows);
        return;
      case 'startField':
        this.startField(ch, newline, rows);
        return;
      case 'inField':
        this.inField(ch, newline, rows);
        return;
      case 'inQuoted':
        if (ch === this.quote) this.state = 'quoteInQuoted';
        else this.field += ch;
        return;
      case 'quoteInQuoted':
        this.afterQuote(ch, newline, rows);
        return;
    }
  }

  private startField(ch: string, newline: boolean, rows: string[][]): void {
    this.fieldStarted = true;
    if (newline) {
      this.endRecord(rows);
      return;
    }
    if (ch === this.quote) this.state = 'inQuoted';
    else if (ch === this.delimiter) this.saveField();
    else {
      this.field += ch;
      this.state = 'inField';
    }
  }

  private inField(ch: string, newline: boolean, rows: string[][]): void {
    if (newline) {
      this.endRecord(rows);
      return;
    }
    if (ch === this.delimiter) {
      this.saveField();
      this.state = 'startField';
    } else this.field += ch;
  }

  private afterQuote(ch: string, newline: boolean, rows: string[][]): void {
    if (ch === this.quote) {
      this.field += ch;
      this.state = 'inQuoted';
    } else if (ch === this.delimiter) {
      this.saveField();
      this.state = 'startField';
    } else if (newline) this.endRecord(rows);
    else {
      this.field += ch;
      this.state = 'inField';
    }
  }

  private endRecord(rows: string[][]): void {
    this.saveField();
    rows.push(this.takeRow());
    this.state = 'eatNewline';
  }

  private saveField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }

  private takeRow(): string[] {
    const row = this.fields;
    this.fields = [];
    this.state = 'startRecord';
    return row;
  }
}
