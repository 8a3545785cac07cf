/**
 * Maps Delighted's wire shape onto the store's neutral SurveyResponseRecord, so that the store
 * knows nothing of the API. The sync, the webhook and the JSON import (the API's response list)
 * all read responses through here.
 */
import { nulProblem } from '../../common/input-text';
import type { SurveyResponseRecord } from '../../store/survey-response-record';
import { SurveyRecordField, surveyRecordProblems } from '../../store/survey-response.validator';
import type { DelightedSurveyResponse } from './delighted-api.types';

/** One wrong field of a response, named as on the wire (`score`, `person.email`, …). */
export interface ResponseFieldProblem {
  field: string;
  message: string;
}

/** A response that cannot be stored; `problems` name each wrong field. */
export class MalformedResponseError extends Error {
  constructor(
    message: string,
    readonly problems: ResponseFieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Where each record field comes from in the API's JSON. */
const WIRE_FIELDS: Record<SurveyRecordField, string> = {
  responseId: 'id',
  personId: 'person.id',
  email: 'person.email',
  phoneNumber: 'person.phone_number',
  surveyType: 'survey_type',
  score: 'score',
  comment: 'comment',
  permalink: 'permalink',
  respondedAt: 'created_at',
  responseUpdatedAt: 'updated_at',
  personProperties: 'person_properties',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const kindOf = (value: unknown) =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;

/** Reads the API's JSON types, noting each field of the wrong type in `problems`. */
class WireReader {
  readonly problems: ResponseFieldProblem[] = [];

  constructor(private readonly object: Record<string, unknown>) {}

  private wrong(field: string, expected: string, value: unknown): null {
    this.problems.push({ field, message: `must be ${expected}, got ${kindOf(value)}` });
    return null;
  }

  /** Text or null (absent is null); ids may be numbers. */
  text(field: string, options: { id?: boolean; from?: Record<string, unknown> } = {}) {
    const value = (options.from ?? this.object)[field.split('.').pop()!];
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (options.id && typeof value === 'number' && Number.isSafeInteger(value))
      return String(value);
    return this.wrong(field, options.id ? 'a string or an integer id' : 'a string or null', value);
  }

  /** Unix seconds as a Date, or null when absent (a problem when required). */
  seconds(field: string, required: boolean): Date | null {
    const value = this.object[field];
    if (value === null || value === undefined) {
      if (required) this.problems.push({ field, message: 'is required (Unix seconds)' });
      return null;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.wrong(field, 'Unix seconds (a number)', value);
    }
    return new Date(value * 1000);
  }
}

/**
 * Maps one API/webhook/JSON-import response to a record and checks it against the shared
 * rules; throws MalformedResponseError naming every wrong field.
 */
export function recordFromDelighted(response: DelightedSurveyResponse): SurveyResponseRecord {
  const raw: unknown = response;
  if (!isObject(raw)) {
    throw new MalformedResponseError(`response must be a JSON object, got ${kindOf(raw)}`, [
      { field: '', message: `must be a JSON object, got ${kindOf(raw)}` },
    ]);
  }
  const wire = new WireReader(raw);
  const id = wire.text('id', { id: true });
  if (raw.id === null || raw.id === undefined)
    wire.problems.push({ field: 'id', message: 'is required' });
  const person = raw.person;
  let personId: string | null = null;
  let email: string | null = null;
  let phoneNumber: string | null = null;
  if (isObject(person)) {
    personId = wire.text('person.id', { id: true, from: person });
    email = wire.text('person.email', { from: person });
    phoneNumber = wire.text('person.phone_number', { from: person });
  } else {
    personId = wire.text('person', { id: true });
  }
  const score = typeof raw.score === 'number' ? raw.score : Number.NaN;
  if (typeof raw.score !== 'number') {
    wire.problems.push({
      field: 'score',
      message:
        raw.score === null || raw.score === undefined
          ? 'is required'
          : `must be a whole number, got ${kindOf(raw.score)}`,
    });
  }
  const surveyType = wire.text('survey_type');
  const properties = raw.person_properties;
  if (properties !== null && properties !== undefined && !isObject(properties)) {
    wire.problems.push({
      field: 'person_properties',
      message: `must be a JSON object or null, got ${kindOf(properties)}`,
    });
  }
  const record: SurveyResponseRecord = {
    responseId: id ?? '',
    personId,
    email,
    phoneNumber,
    surveyType: surveyType || 'nps',
    score,
    comment: wire.text('comment'),
    permalink: wire.text('permalink'),
    respondedAt: wire.seconds('created_at', true) ?? new Date(Number.NaN),
    responseUpdatedAt: wire.seconds('updated_at', false),
    personProperties: isObject(properties) ? properties : null,
  };
  const problems = wire.problems;
  const reported = new Set(problems.map((problem) => problem.field));
  for (const problem of surveyRecordProblems(record)) {
    const field = WIRE_FIELDS[problem.field] + (problem.subPath ?? '');
    if (problem.field === 'personId' && !isObject(person) && field === 'person.id') {
      if (!reported.has('person')) problems.push({ field: 'person', message: problem.message });
      continue;
    }
    if (!reported.has(WIRE_FIELDS[problem.field]) && !reported.has(field)) {
      problems.push({ field, message: problem.message });
    }
  }
  if (problems.length > 0) {
    const name = id && !nulProblem(id) ? `response ${id}` : 'response';
    throw new MalformedResponseError(
      `${name}: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`,
      problems,
    );
  }
  return record;
}
