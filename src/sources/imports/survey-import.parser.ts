import { AppError, InputProblem } from '../../common/app-error';
import { calendarProblem } from '../../common/calendar-date';
import { CsvDelimiter, CsvParser, CsvRecord, CsvSyntaxError, delimiterName } from './csv';
import type { DelightedSurveyResponse } from '../delighted-api/delighted-api.types';
import {
  MalformedResponseError,
  recordFromDelighted,
} from '../delighted-api/delighted-response.parser';
import type { SurveyResponseRecord } from '../../store/survey-response-record';
import { SurveyRecordField, surveyRecordProblems } from '../../store/survey-response.validator';

type Column =
  | 'responseId'
  | 'score'
  | 'comment'
  | 'email'
  | 'permalink'
  | 'createdAt'
  | 'updatedAt'
  | 'surveyType'
  | 'personId'
  | 'phoneNumber';

/** Header names accepted for each column (compared lower-cased, with spaces, _ and - folded). */
export const CSV_HEADER_ALIASES: Record<Column, string[]> = {
  responseId: ['response id', 'id', 'survey response id', 'response'],
  score: ['score', 'nps score', 'rating', 'nps'],
  comment: ['comment', 'comments', 'feedback', 'response comment'],
  email: ['email', 'person email', 'respondent email', 'e mail', 'email address'],
  permalink: ['permalink', 'response permalink', 'url', 'link'],
  createdAt: ['created at', 'response date', 'date', 'submitted at', 'responded at', 'created'],
  updatedAt: ['updated at', 'last updated', 'updated'],
  surveyType: ['survey type', 'type', 'survey'],
  personId: ['person id', 'person', 'respondent id', 'customer id'],
  phoneNumber: ['phone number', 'phone', 'mobile'],
};
const REQUIRED: Column[] = ['responseId', 'score', 'createdAt'];
const CSV_COLUMN_OF: Record<SurveyRecordField, Column> = {
  responseId: 'responseId',
  personId: 'personId',
  email: 'email',
  phoneNumber: 'phoneNumber',
  surveyType: 'surveyType',
  score: 'score',
  comment: 'comment',
  permalink: 'permalink',
  respondedAt: 'createdAt',
  responseUpdatedAt: 'updatedAt',
  personProperties: 'responseId',
};
const MAX_PROBLEMS = 100;

const fold = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/**
 * Dates as Delighted exports write them: ISO 8601, "2024-05-01 13:45:10 -0700", "… UTC", a
 * plain date-time (read as UTC) or Unix seconds.
 */
export function parseExportDate(value: string): Date | null {
  const text = value.trim();
  if (/^\d{9,11}$/.test(text)) return new Date(Number(text) * 1000);
  const match =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(
      text,
    );
  if (!match || calendarProblem(text)) return null;
  const [, date, time = '00:00:00', zone] = match;
  const offset =
    !zone || /^(Z|UTC|GMT)$/i.test(zone)
      ? 'Z'
      : zone.length === 5
        ? `${zone.slice(0, 3)}:${zone.slice(3)}`
        : zone;
  const parsed = new Date(`${date}T${time.length === 4 ? `0${time}` : time}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function malformedCsv(error: CsvSyntaxError): AppError {
  return AppError.invalidItems(
    `The CSV is malformed at line ${error.line}; nothing was imported.`,
    [{ index: error.line, line: error.line, field: 'csv', message: error.message }],
  );
}

/** The columns named by the header line; every required one or a problem naming the missing. */
function readHeader(header: CsvRecord, delimiter: CsvDelimiter): Map<Column, number> {
  const columns = new Map<Column, number>();
  header.fields.forEach((name, index) => {
    const folded = fold(name);
    for (const [column, aliases] of Object.entries(CSV_HEADER_ALIASES) as Array<
      [Column, string[]]
    >) {
      if (!columns.has(column) && aliases.includes(folded)) columns.set(column, index);
    }
  });
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw AppError.invalidItems(`The header lacks required columns; nothing was imported.`, [
      {
        line: 1,
        index: 1,
        field: 'header',
        message: `missing ${missing.map((column) => `"${CSV_HEADER_ALIASES[column][0]}"`).join(', ')} (found: ${header.fields.join(', ')}; read as ${delimiterName(delimiter)}-separated)`,
      },
    ]);
  }
  return columns;
}

/** Validates data rows into `records`, naming each problem by line and column in `problems`. */
function readRows(
  rows: readonly CsvRecord[],
  columns: Map<Column, number>,
  problems: InputProblem[],
  records: SurveyResponseRecord[],
): void {
  for (const row of rows) {
    const get = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (row.fields[index] ?? '').trim();
    };
    const fail = (column: Column, message: string) =>
      problems.push({
        index: row.line,
        line: row.line,
        column: CSV_HEADER_ALIASES[column][0],
        field: `line ${row.line}, ${CSV_HEADER_ALIASES[column][0]}`,
        message,
      });
    const before = problems.length;
    const responseId = get('responseId');
    if (!responseId || responseId.length > 255)
      fail('responseId', 'a response id (1–255 characters) is required');
    const scoreText = get('score');
    const score = Number(scoreText);
    if (!/^-?\d+$/.test(scoreText)) fail('score', `"${scoreText}" is not a whole number`);
    const surveyType = get('surveyType').toLowerCase() || 'nps';
    const createdAt = parseExportDate(get('createdAt'));
    if (!createdAt)
      fail(
        'createdAt',
        calendarProblem(get('createdAt')) ??
          `"${get('createdAt')}" is not a date (ISO 8601, "YYYY-MM-DD HH:MM:SS ±HHMM" or Unix seconds)`,
      );
    const updatedText = get('updatedAt');
    const updatedAt = updatedText ? parseExportDate(updatedText) : null;
    if (updatedText && !updatedAt)
      fail('updatedAt', calendarProblem(updatedText) ?? `"${updatedText}" is not a date`);
    const record: SurveyResponseRecord = {
      responseId,
      personId: get('personId') || null,
      email: get('email') || null,
      phoneNumber: get('phoneNumber') || null,
      surveyType,
      score,
      comment: get('comment') || null,
      permalink: get('permalink') || null,
      respondedAt: createdAt!,
      responseUpdatedAt: updatedAt,
      personProperties: null,
    };
    // The rules every write path shares; columns already refused above are not repeated.
    const refused = new Set(problems.slice(before).map((problem) => problem.column));
    for (const problem of surveyRecordProblems(record)) {
      const column = CSV_COLUMN_OF[problem.field];
      const name = CSV_HEADER_ALIASES[column][0];
      if (!refused.has(name)) fail(column, `${name} ${problem.message}`);
    }
    if (problems.length >= MAX_PROBLEMS) break;
    if (problems.length > before) continue;
    records.push(record);
  }
}

/**
 * Reads a Delighted CSV export record by record; all or nothing, every problem named by line and
 * column. `push` returns the responses completed by a chunk, none once any row had a problem (the
 * file will be refused; the rest is still checked, to name every problem); `finish` throws them.
 */
export class SurveyCsvReader {
  private readonly parser = new CsvParser('detect');
  private columns: Map<Column, number> | null = null;
  private badHeader: AppError | null = null;
  private readonly problems: InputProblem[] = [];
  private responses = 0;

  /** The delimiter read from the header line (`,`, `;` or tab); null before it is complete. */
  get delimiter(): CsvDelimiter | null {
    return this.parser.delimiter;
  }

  /** The responses completed by this chunk of the file. */
  push(chunk: Buffer | string): SurveyResponseRecord[] {
    return this.read(() => this.parser.push(chunk));
  }

  /** The last responses; throws the file's problems, if any. */
  finish(): SurveyResponseRecord[] {
    const records = this.read(() => this.parser.end());
    if (this.badHeader) throw this.badHeader;
    if (this.columns === null)
      throw AppError.invalidItems('The file is empty.', [
        { field: 'csv', message: 'no header line' },
      ]);
    const problems = this.problems;
    if (problems.length > 0) {
      throw AppError.invalidItems(
        `${problems.length}${problems.length >= MAX_PROBLEMS ? '+' : ''} problem(s) in the CSV; nothing was imported.`,
        problems,
      );
    }
    if (this.responses === 0)
      throw AppError.invalidItems('The file has a header but no responses.', [
        { field: 'csv', message: 'no data rows' },
      ]);
    return records;
  }

  private read(parse: () => CsvRecord[]): SurveyResponseRecord[] {
    let rows;
    try {
      rows = parse();
    } catch (error) {
      // A syntax error anywhere wins over row problems, as when the file was read whole.
      if (error instanceof CsvSyntaxError) throw malformedCsv(error);
      throw error;
    }
    if (rows.length === 0 || this.badHeader) return [];
    if (this.columns === null) {
      try {
        this.columns = readHeader(rows.shift()!, this.parser.delimiter ?? ',');
      } catch (error) {
        // Refused at the end, so that a syntax error further on still wins.
        this.badHeader = error as AppError;
        return [];
      }
    }
    const records: SurveyResponseRecord[] = [];
    if (this.problems.length < MAX_PROBLEMS) readRows(rows, this.columns, this.problems, records);
    if (this.problems.length > 0) return [];
    this.responses += records.length;
    return records;
  }
}

/** Parses a whole Delighted CSV export (see SurveyCsvReader). */
export function parseSurveyCsv(text: string): SurveyResponseRecord[] {
  const reader = new SurveyCsvReader();
  const records = reader.push(text);
  for (const record of reader.finish()) records.push(record);
  return records;
}

/**
 * A Delighted CSV export read from chunks as they come, in batches of its responses; `reader`
 * tells the delimiter once the header has been read.
 */
export async function* readSurveyCsv(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  reader = new SurveyCsvReader(),
): AsyncGenerator<SurveyResponseRecord[]> {
  for await (const chunk of chunks) {
    const records = reader.push(chunk);
    if (records.length > 0) yield records;
  }
  const records = reader.finish();
  if (records.length > 0) yield records;
}

/** The API's JSON: a list of responses (or `{responses: [...]}`), person expanded or an id. */
export function parseSurveyJson(text: string): SurveyResponseRecord[] {
  let body: unknown;
  try {
    body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw AppError.invalidItems('The JSON is malformed; nothing was imported.', [
      { field: 'json', message: (error as Error).message },
    ]);
  }
  return parseSurveyList(body);
}

/** The API's JSON already parsed (a REST body): checked without serialising it again. */
export function parseSurveyList(body: unknown): SurveyResponseRecord[] {
  const list = Array.isArray(body) ? body : (body as { responses?: unknown })?.responses;
  if (!Array.isArray(list) || list.length === 0) {
    throw AppError.invalidItems('Expected a non-empty JSON list of survey responses.', [
      { field: 'json', message: 'not a list' },
    ]);
  }
  const problems: InputProblem[] = [];
  const records: SurveyResponseRecord[] = [];
  list.forEach((item, index) => {
    try {
      records.push(recordFromDelighted(item as DelightedSurveyResponse));
    } catch (error) {
      if (!(error instanceof MalformedResponseError)) throw error;
      for (const problem of error.problems) {
        if (problems.length < MAX_PROBLEMS)
          problems.push({
            index,
            field: `[${index}]${problem.field ? `.${problem.field}` : ''}`,
            message: `${problem.field || 'response'} ${problem.message}`,
          });
      }
    }
  });
  if (problems.length > 0)
    throw AppError.invalidItems(
      `${problems.length} bad response(s); nothing was imported.`,
      problems,
    );
  return records;
}
