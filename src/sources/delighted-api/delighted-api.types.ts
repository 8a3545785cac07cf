/**
 * Wire types of the Delighted v1 API as documented in docs/delighted-api.md: the contract the
 * product's client, sync, webhook and JSON import read. The product owns them; the local
 * Delighted simulator imports them so that it serves exactly these shapes.
 */

/** Survey types seen in practice. The API may send others, so any string is accepted. */
export type DelightedSurveyType = 'nps' | 'csat' | 'ces' | 'five_star' | (string & {});

/** A person as returned when `expand[]=person` (or `expand=person`) is requested. */
export interface DelightedPerson {
  id: string;
  /** As typed: case and surrounding spaces vary. Null for SMS-only people. */
  email: string | null;
  name: string | null;
  /** Unix seconds. */
  created_at: number;
  /** E.164, or null when the person was only surveyed by email. */
  phone_number: string | null;
  /** The real API may add further fields (last_sent_at, …); clients must tolerate them. */
  last_sent_at?: number | null;
  last_responded_at?: number | null;
  next_survey_scheduled_at?: number | null;
}

/**
 * One survey response. `person` is the person's id (a string) unless the request expanded it.
 * Use the type parameter to narrow: `DelightedSurveyResponse<DelightedPerson>` for expanded rows.
 */
export interface DelightedSurveyResponse<
  TPerson extends string | DelightedPerson = string | DelightedPerson,
> {
  id: string;
  person: TPerson;
  survey_type: DelightedSurveyType;
  /** Integer; NPS 0–10, csat 1–5, ces 1–7, five_star 1–5. */
  score: number;
  /** Usually null at creation; comments mostly arrive in a later update. */
  comment: string | null;
  permalink: string;
  /** Unix seconds. */
  created_at: number;
  /** Unix seconds, or null when the response was never updated. */
  updated_at: number | null;
  /** The person's properties at response time. */
  person_properties: Record<string, unknown> | null;
  notes: unknown[];
  tags: unknown[];
  additional_answers: unknown[];
}

export type DelightedExpandedSurveyResponse = DelightedSurveyResponse<DelightedPerson>;

/** Query parameters of GET /v1/survey_responses.json (all timestamps in Unix seconds). */
export interface DelightedSurveyResponsesQuery {
  page?: number;
  /** Default 20, max 100. */
  per_page?: number;
  order?: 'asc' | 'desc';
  /** created_at >= since. */
  since?: number;
  /** created_at <= until. */
  until?: number;
  /** updated_at >= updated_since (responses with updated_at null never match). */
  updated_since?: number;
  /** updated_at <= updated_until (responses with updated_at null never match). */
  updated_until?: number;
  trend?: string;
  person_email?: string;
  /** Sent as `expand[]=person` (the Node client sends `expand=person`). */
  expand?: Array<'person'>;
}

/** GET /v1/metrics.json: NPS survey responses only; all values integers. */
export interface DelightedMetrics {
  nps: number;
  promoter_count: number;
  promoter_percent: number;
  passive_count: number;
  passive_percent: number;
  detractor_count: number;
  detractor_percent: number;
  response_count: number;
}

/** Query parameters of GET /v1/metrics.json. */
export interface DelightedMetricsQuery {
  since?: number;
  until?: number;
  trend?: string;
}

/** Error body: 401, 403, 404, 406, 429, 500, 503; 422 also carries `errors`. */
export interface DelightedErrorBody {
  status: number;
  message: string;
  errors?: Record<string, string[]>;
}

export type DelightedWebhookEventType =
  'survey_response.created' | 'survey_response.updated' | 'unsubscribe.created';

/** Webhook POST body; `event_data` is the response with `person` expanded. */
export interface DelightedWebhookPayload {
  event_type: DelightedWebhookEventType;
  event_id: string;
  event_data: DelightedSurveyResponse<DelightedPerson>;
}

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body keyed with the API key>`. */
export const DELIGHTED_WEBHOOK_SIGNATURE_HEADER = 'X-Delighted-Webhook-Signature';
