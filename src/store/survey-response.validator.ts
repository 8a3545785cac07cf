import { instantProblem } from '../common/calendar-date';
import { JsonBounds, jsonValueProblem, nulProblem, printableName } from '../common/input-text';
import type { SurveyResponseRecord } from './survey-response-record';

/**
 * The one set of rules a survey response must meet to be stored, shared by every write path
 * (Delighted API pages, webhooks, CSV and JSON imports) so that they cannot diverge. Each path
 * maps the record's field names to its own (`score`, `created_at`, `line 3, created at`).
 */

export type SurveyRecordField = keyof SurveyResponseRecord;

export interface SurveyRecordProblem {
  field: SurveyRecordField;
  /** For nested values (person properties): the path below the field, e.g. `.plan`. */
  subPath?: string;
  message: string;
}

/** Score ranges of Delighted's survey types (Delighted API reference, "score"). */
export const SURVEY_SCORE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
  five_star: [1, 5],
};
/** Survey types Delighted may add: every scale it has is small and non-negative. */
export const OTHER_SURVEY_SCORE_RANGE: readonly [number, number] = [0, 100];

export const SURVEY_LIMITS = {
  /** survey_responses.response_id and person_id are varchar(255). */
  id: 255,
  surveyType: 64,
  personProperties: { maxDepth: 10, maxEntries: 1000, maxNameLength: 1023 } as JsonBounds,
} as const;

function textProblem(
  value: unknown,
  field: SurveyRecordField,
  options: { nullable: boolean; max?: number },
): SurveyRecordProblem | null {
  if (value === null) {
    return options.nullable ? null : { field, message: 'is required' };
  }
  if (typeof value !== 'string') return { field, message: 'must be text' };
  if (!options.nullable && value.length === 0) return { field, message: 'must not be empty' };
  if (options.max !== undefined && value.length > options.max) {
    return {
      field,
      message: `must be at most ${options.max} characters (got ${value.length})`,
    };
  }
  const nul = nulProblem(value);
  return nul ? { field, message: nul } : null;
}

export function scoreRange(surveyType: string): readonly [number, number] {
  return SURVEY_SCORE_RANGES[surveyType] ?? OTHER_SURVEY_SCORE_RANGE;
}

function scoreProblem(record: SurveyResponseRecord): SurveyRecordProblem | null {
  if (!Number.isInteger(record.score)) {
    return { field: 'score', message: `must be a whole number, got ${String(record.score)}` };
  }
  const [low, high] = scoreRange(record.surveyType);
  if (record.score < low || record.score > high) {
    const survey =
      record.surveyType === 'nps'
        ? 'an NPS survey'
        : `survey type "${printableName(record.surveyType)}"`;
    return {
      field: 'score',
      message: `must be ${low} to ${high} for ${survey}, got ${record.score}`,
    };
  }
  return null;
}

function dateProblem(
  value: Date | null,
  field: SurveyRecordField,
  nullable: boolean,
): SurveyRecordProblem | null {
  if (value === null) return nullable ? null : { field, message: 'is required' };
  const problem = value instanceof Date ? instantProblem(value) : 'is not a date';
  return problem ? { field, message: problem } : null;
}

/** Every reason the record cannot be stored; empty when it can. */
export function surveyRecordProblems(record: SurveyResponseRecord): SurveyRecordProblem[] {
  const problems = [
    textProblem(record.responseId, 'responseId', { nullable: false, max: SURVEY_LIMITS.id }),
    textProblem(record.personId, 'personId', { nullable: true, max: SURVEY_LIMITS.id }),
    textProblem(record.email, 'email', { nullable: true }),
    textProblem(record.phoneNumber, 'phoneNumber', { nullable: true }),
    textProblem(record.surveyType, 'surveyType', {
      nullable: false,
      max: SURVEY_LIMITS.surveyType,
    }),
    textProblem(record.comment, 'comment', { nullable: true }),
    textProblem(record.permalink, 'permalink', { nullable: true }),
    scoreProblem(record),
    dateProblem(record.respondedAt, 'respondedAt', false),
    dateProblem(record.responseUpdatedAt, 'responseUpdatedAt', true),
  ];
  const properties = record.personProperties;
  if (properties !== null) {
    if (typeof properties !== 'object' || Array.isArray(properties)) {
      problems.push({ field: 'personProperties', message: 'must be a JSON object' });
    } else {
      const nested = jsonValueProblem(properties, '', SURVEY_LIMITS.personProperties);
      if (nested) {
        problems.push({
          field: 'personProperties',
          subPath: nested.field || undefined,
          message: nested.message,
        });
      }
    }
  }
  return problems.filter((problem): problem is SurveyRecordProblem => problem !== null);
}
