import type {
  DelightedPerson,
  DelightedSurveyResponse,
} from '../delighted-simulator/delighted-simulator.types';

/** A survey response as stored, whatever path it came by (API page, webhook, CSV/JSON import). */
export interface SurveyResponseRecord {
  responseId: string;
  personId: string | null;
  email: string | null;
  phoneNumber: string | null;
  surveyType: string;
  score: number;
  comment: string | null;
  permalink: string | null;
  respondedAt: Date;
  responseUpdatedAt: Date | null;
  personProperties: Record<string, unknown> | null;
}

/** Trimmed, lower-cased email, or null when there is none (nps-method.md, "Matching"). */
export function normaliseEmail(email: string | null | undefined): string | null {
  const normalised = email?.trim().toLowerCase();
  return normalised ? normalised : null;
}

/** Only NPS surveys with an integer score 0–10 enter NPS figures. */
export function isNpsResponse(record: Pick<SurveyResponseRecord, 'surveyType' | 'score'>): boolean {
  return (
    record.surveyType === 'nps' &&
    Number.isInteger(record.score) &&
    record.score >= 0 &&
    record.score <= 10
  );
}

export class MalformedResponseError extends Error {}

function fromUnixSeconds(value: unknown, field: string, nullable: boolean): Date | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    throw new MalformedResponseError(`${field} is missing`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MalformedResponseError(`${field} must be Unix seconds, got ${JSON.stringify(value)}`);
  }
  return new Date(value * 1000);
}

/** Maps one API/webhook response to a record; throws MalformedResponseError on a bad shape. */
export function recordFromDelighted(response: DelightedSurveyResponse): SurveyResponseRecord {
  if (typeof response !== 'object' || response === null)
    throw new MalformedResponseError('response is not an object');
  const id = typeof response.id === 'number' ? String(response.id) : response.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 255)
    throw new MalformedResponseError('id is missing');
  if (typeof response.score !== 'number' || !Number.isInteger(response.score)) {
    throw new MalformedResponseError(`response ${id}: score must be an integer`);
  }
  const person = response.person as string | DelightedPerson | null | undefined;
  const expanded = typeof person === 'object' && person !== null ? person : null;
  const personId = expanded
    ? String(expanded.id)
    : person === null || person === undefined
      ? null
      : String(person);
  return {
    responseId: id,
    personId,
    email: expanded?.email ?? null,
    phoneNumber: expanded?.phone_number ?? null,
    surveyType:
      typeof response.survey_type === 'string' && response.survey_type
        ? response.survey_type
        : 'nps',
    score: response.score,
    comment: typeof response.comment === 'string' ? response.comment : null,
    permalink: typeof response.permalink === 'string' ? response.permalink : null,
    respondedAt: fromUnixSeconds(response.created_at, `response ${id}: created_at`, false)!,
    responseUpdatedAt: fromUnixSeconds(response.updated_at, `response ${id}: updated_at`, true),
    personProperties:
      response.person_properties && typeof response.person_properties === 'object'
        ? response.person_properties
        : null,
  };
}
