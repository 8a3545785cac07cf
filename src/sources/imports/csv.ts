import { StringDecoder } from 'node:string_decoder';

/** One CSV record with the line its first field starts on (1-based, header = line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Longest record held while it is read: past this it is an unclosed quote, not a comment. */
export const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * RFC 4180, read incrementally: comma-separated, fields optionally in double quotes, "" for a
 * quote inside quotes, quoted fields may span lines; CRLF or LF line ends; a UTF-8 BOM is
 * dropped. Blank lines are skipped. Chunks may split a record, a quote pair, a CRLF or a UTF-8
 * character anywhere: only the record being read is held, so memory does not grow with the file.
 */
export class CsvParser {
  private readonly decoder = new StringDecoder('utf8');
  private fields: string[] = [];
  private field = '';
  /** Characters of the record's finished fields, for MAX_RECORD_CHARS. */
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private quoted = false;
  private fieldWasQuoted = false;
  /** A quote inside a quoted field was the last character: a "" pair or the closing quote. */
  private quoteSeen = false;
  /** The last record ended with CR: a LF right after it belongs to the same line end. */
  private afterCr = false;
  private started = false;
  private ended = false;

  /** The records completed by this chunk (bytes are decoded as UTF-8). */
  push(chunk: Buffer | string): CsvRecord[] {
    return this.consume(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
  }

  /** The last records; throws on an unclosed quote. */
  end(): CsvRecord[] {
    if (this.ended) return [];
    const records = this.consume(this.decoder.end());
    this.ended = true;
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.quoted = false;
    }
    if (this.quoted) throw new CsvSyntaxError(this.recordLine, 'a quoted field is not closed');
    if (this.field.length > 0 || this.fields.length > 0 || this.fieldWasQuoted)
      this.endRecord(records);
    return records;
  }

  private consume(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    while (i < text.length) {
      const char = text[i];
      if (this.afterCr) {
        this.afterCr = false;
        if (char === '\n') {
          i += 1;
          continue;
        }
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (char === '"') {
          this.append('"');
          i += 1;
          continue;
        }
        this.quoted = false;
        if (char !== ',' && char !== '\n' && char !== '\r') {
          throw new CsvSyntaxError(
            this.line,
            'a closing quote must be followed by a comma or the end of the line',
          );
        }
      }
      if (this.quoted) {
        if (char === '"') {
          this.quoteSeen = true;
          i += 1;
          continue;
        }
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? text.length : quote;
        for (let lf = text.indexOf('\n', i); lf !== -1 && lf < end; lf = text.indexOf('\n', lf + 1))
          this.line += 1;
        this.append(text.slice(i, end));
        i = end;
        continue;
      }
      if (char === '"') {
        if (this.field.length > 0)
          throw new CsvSyntaxError(this.line, 'a quote may only open a field');
        this.quoted = true;
        this.fieldWasQuoted = true;
        i += 1;
      } else if (char === ',') {
        this.fields.push(this.field);
        this.recordChars += this.field.length;
        this.field = '';
        this.fieldWasQuoted = false;
        i += 1;
      } else if (char === '\r' || char === '\n') {
        this.endRecord(records);
        this.afterCr = char === '\r';
        i += 1;
        this.line += 1;
        this.recordLine = this.line;
      } else {
        let end = i + 1;
        while (end < text.length) {
          const next = text[end];
          if (next === ',' || next === '"' || next === '\r' || next === '\n') break;
          end += 1;
        }
        this.append(text.slice(i, end));
        i = end;
      }
    }
    return records;
  }

  private append(text: string): void {
    this.field += text;
    if (this.recordChars + this.field.length > MAX_RECORD_CHARS) {
      throw new CsvSyntaxError(
        this.recordLine,
        `a record is longer than ${MAX_RECORD_CHARS} characters (is a quote not closed?)`,
      );
    }
  }

  private endRecord(records: CsvRecord[]): void {
    this.fields.push(this.field);
    if (!(this.fields.length === 1 && this.fields[0] === '' && !this.fieldWasQuoted))
      records.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.field = '';
    this.recordChars = 0;
    this.fieldWasQuoted = false;
  }
}

/** A whole CSV text at once (see CsvParser). */
export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  const records = parser.push(text);
  for (const record of parser.end()) records.push(record);
  return records;
}
