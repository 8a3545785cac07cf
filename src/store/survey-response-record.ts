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

/** Trimmed, lower-cased email, or null when there is none (docs/nps-method.md, "Which user a response belongs to"). */
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
