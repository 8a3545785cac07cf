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

/** Field separators a CSV file may use: Excel writes `;` in many European locales. */
export type CsvDelimiter = ',' | ';' | '\t';
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/** How a delimiter is named in messages. */
export function delimiterName(delimiter: CsvDelimiter): string {
  return delimiter === '\t' ? 'tab' : delimiter === ';' ? 'semicolon' : 'comma';
}

/**
 * The delimiter of a header line: the one of `,` `;` and tab that occurs most often outside
 * quotes; a comma when none occurs, or on a tie with it.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvDelimiter))
      counts.set(char as CsvDelimiter, counts.get(char as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const delimiter of DELIMITERS)
    if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/**
 * RFC 4180, read incrementally: comma-separated (or `;` or tab, given or detected from the header
 * line), fields optionally in double quotes, "" for a
 * quote inside quotes, quoted fields may span lines; CRLF or LF line ends; a UTF-8 BOM is
 * dropped. Blank lines are skipped. Chunks may split a record, a quote pair, a CRLF or a UTF-8
 * character anywhere: only the record being read is held, so memory does not grow with the file.
 */
export class CsvParser {
  private readonly decoder = new StringDecoder('utf8');
  /** Null until the header line has been seen, when the delimiter is detected. */
  private separator: CsvDelimiter | null;
  /** Text held while the header line is incomplete and the delimiter still unknown. */
  private pending = '';
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

  constructor(delimiter: CsvDelimiter | 'detect' = ',') {
    this.separator = delimiter === 'detect' ? null : delimiter;
  }

  /** The delimiter in use: given, or detected once the header line is complete. */
  get delimiter(): CsvDelimiter | null {
    return this.separator;
  }

  /** The records completed by this chunk (bytes are decoded as UTF-8). */
  push(chunk: Buffer | string): CsvRecord[] {
    return this.detectThenConsume(
      typeof chunk === 'string' ? chunk : this.decoder.write(chunk),
      false,
    );
  }

  /** The last records; throws on an unclosed quote. */
  end(): CsvRecord[] {
    if (this.ended) return [];
    const records = this.detectThenConsume(this.decoder.end(), true);
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

  /** Holds text until the header line ends (or the input does), then reads it all. */
  private detectThenConsume(text: string, last: boolean): CsvRecord[] {
    if (this.separator !== null) return this.consume(text);
    this.pending += text;
    const headerEnd = unquotedLineEnd(this.pending);
    if (headerEnd === -1 && !last && this.pending.length <= MAX_RECORD_CHARS) return [];
    this.separator = detectDelimiter(
      headerEnd === -1 ? this.pending : this.pending.slice(0, headerEnd),
    );
    const held = this.pending;
    this.pending = '';
    return this.consume(held);
  }

  private consume(text: string): CsvRecord[] {
    const delimiter = this.separator ?? ',';
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
        if (char !== delimiter && char !== '\n' && char !== '\r') {
          throw new CsvSyntaxError(
            this.line,
            `a closing quote must be followed by a ${delimiterName(delimiter)} or the end of the line`,
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
      } else if (char === delimiter) {
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
          if (next === delimiter || next === '"' || next === '\r' || next === '\n') break;
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

/** Where the first line ends outside quotes, or -1 when it has not ended yet. */
function unquotedLineEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return i;
  }
  return -1;
}

/** A whole CSV text at once (see CsvParser). */
export function parseCsv(text: string, delimiter: CsvDelimiter | 'detect' = ','): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  const records = parser.push(text);
  for (const record of parser.end()) records.push(record);
  return records;
}
