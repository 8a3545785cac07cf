import { AppError, InputProblem } from '../common/app-error';
import { calendarProblem } from '../common/calendar-date';
import type { DelightedSurveyResponse } from '../delighted-simulator/delighted-simulator.types';
import { CsvSyntaxError, parseCsv } from './csv';
import {
  MalformedResponseError,
  SurveyResponseRecord,
  recordFromDelighted,
} from './survey-response-record';
import { SurveyRecordField, surveyRecordProblems } from './survey-response.validator';

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

/** Parses a Delighted CSV export; all or nothing, every problem named by line and column. */
export function parseSurveyCsv(text: string): SurveyResponseRecord[] {
  let rows;
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw AppError.invalidItems(
        `The CSV is malformed at line ${error.line}; nothing was imported.`,
        [{ index: error.line, line: error.line, field: 'csv', message: error.message }],
      );
    }
    throw error;
  }
  if (rows.length === 0)
    throw AppError.invalidItems('The file is empty.', [
      { field: 'csv', message: 'no header line' },
    ]);
  const [header, ...data] = rows;
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
        message: `missing ${missing.map((column) => `"${CSV_HEADER_ALIASES[column][0]}"`).join(', ')} (found: ${header.fields.join(', ')})`,
      },
    ]);
  }
  const problems: InputProblem[] = [];
  const records: SurveyResponseRecord[] = [];
  for (const row of data) {
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
  if (problems.length > 0) {
    throw AppError.invalidItems(
      `${problems.length}${problems.length >= MAX_PROBLEMS ? '+' : ''} problem(s) in the CSV; nothing was imported.`,
      problems,
    );
  }
  if (records.length === 0)
    throw AppError.invalidItems('The file has a header but no responses.', [
      { field: 'csv', message: 'no data rows' },
    ]);
  return records;
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
