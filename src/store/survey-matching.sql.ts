import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/returned-rows';

/** SQL expression for a user's normalised email, given the email property as parameter `$n`. */
export function normalisedEmailSql(
  emailPropertyParam: string,
  identity: string,
  properties: string,
): string {
  return `CASE WHEN ${emailPropertyParam}::text IS NULL THEN NULL
    WHEN ${emailPropertyParam}::text = 'identity' THEN nullif(lower(btrim(${identity})), '')
    ELSE nullif(lower(btrim(${properties} ->> ${emailPropertyParam}::text)), '') END`;
}

/**
 * Write-path SQL shared by every path that changes survey responses or users' emails (API sync,
 * webhooks, imports, Heap ingestion, choosing the email property), run inside the caller's
 * transaction so a response and its Submit Survey event never disagree.
 */

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Attaches waiting (unmatched) responses to the most recently seen user carrying their email.
 * `scope` limits the work: the responses with these normalised emails,
 * or every waiting response of the environment. Returns the ids of the responses it matched.
 */
export async function matchWaitingResponses(
  manager: EntityManager,
  environmentId: string,
  scope: { emails: string[] } | 'all',
): Promise<string[]> {
  const params: unknown[] = [environmentId];
  let filter = 'TRUE';
  if (scope !== 'all') {
    if (scope.emails.length === 0) return [];
    params.push(scope.emails);
    filter = `w.email_normalized = ANY($2::text[])`;
  }
  const rows = await returnedRows<{ response_id: string }>(
    manager,
    `UPDATE survey_responses r SET user_id = m.user_id
       FROM (
         SELECT w.id,
                (SELECT u.id FROM users u
                  WHERE u.environment_id = $1 AND u.email_normalized = w.email_normalized
                  ORDER BY u.last_seen DESC, u.id DESC LIMIT 1) AS user_id
           FROM survey_responses w
          WHERE w.environment_id = $1 AND w.user_id IS NULL AND w.email_normalized IS NOT NULL AND ${filter}
       ) m
      WHERE r.environment_id = $1 AND r.id = m.id AND m.user_id IS NOT NULL
      RETURNING r.response_id`,
    params,
  );
  return rows.map((row) => row.response_id);
}

/**
 * Mirrors matched responses as one "Submit Survey" event each (Heap's Delighted source shape:
 * Score, Comment, Permalink, Created at, Updated at, plus Survey type and ids), inserting new
 * events and updating changed ones in place, and keeps the event-type rollup in step.
 */
export async function syncSubmitSurveyEvents(
  manager: EntityManager,
  environmentId: string,
  responseIds: string[],
  updatedIds: string[] = responseIds,
): Promise<void> {
  if (responseIds.length === 0) return;
  // An updated response whose new email matches nobody loses the event of its former user
  // (new responses have no event yet: nothing to remove).
  if (updatedIds.length > 0)
    await manager.query(
      `WITH removed AS (
       DELETE FROM events e USING survey_responses r
        WHERE e.environment_id = $1 AND r.environment_id = $1 AND r.response_id = ANY($2::text[])
          AND r.user_id IS NULL AND e.idempotency_key = 'survey:' || r.response_id
       RETURNING 1
     )
     UPDATE event_types SET count = count - (SELECT count(*) FROM removed)
      WHERE environment_id = $1 AND name = 'Submit Survey' AND EXISTS (SELECT 1 FROM removed)`,
      [environmentId, updatedIds],
    );
  await manager.query(
    `WITH source_rows AS (
       SELECT r.user_id, r.responded_at, r.response_id, r.source,
              jsonb_build_object(
                'Score', r.score,
                'Comment', r.comment,
                'Permalink', r.permalink,
                'Created at', to_char(r.responded_at AT TIME ZONE 'UTC', ${ISO}),
                'Updated at', to_char(r.response_updated_at AT TIME ZONE 'UTC', ${ISO}),
                'Survey type', r.survey_type,
                'Response id', r.response_id,
                'Person id', r.person_id
              ) AS properties
         FROM survey_responses r
        WHERE r.environment_id = $1 AND r.user_id IS NOT NULL AND r.response_id = ANY($2::text[])
     ),
     upserted AS (
       INSERT INTO events AS e (environment_id, user_id, name, time, properties, source, idempotency_key)
       SELECT $1, s.user_id, 'Submit Survey', s.responded_at, s.properties, s.source, 'survey:' || s.response_id
         FROM source_rows s ORDER BY s.response_id
       ON CONFLICT (environment_id, idempotency_key) DO UPDATE
         SET properties = excluded.properties, user_id = excluded.user_id, time = excluded.time, source = excluded.source
         WHERE (e.properties, e.user_id, e.time) IS DISTINCT FROM (excluded.properties, excluded.user_id, excluded.time)
       RETURNING (xmax = 0) AS inserted, time
     )
     INSERT INTO event_types AS et (environment_id, name, count, last_seen)
     SELECT $1, 'Submit Survey', count(*), max(time) FROM upserted WHERE inserted HAVING count(*) > 0
     ON CONFLICT (environment_id, name) DO UPDATE
       SET count = et.count + excluded.count, last_seen = greatest(et.last_seen, excluded.last_seen)`,
    [environmentId, responseIds],
  );
}

/** After users gained emails: match the responses waiting for them and mirror them as events. */
export async function matchResponsesForEmails(
  manager: EntityManager,
  environmentId: string,
  emails: Array<string | null>,
): Promise<number> {
  const distinct = [...new Set(emails.filter((email): email is string => !!email))];
  const matched = await matchWaitingResponses(manager, environmentId, { emails: distinct });
  await syncSubmitSurveyEvents(manager, environmentId, matched);
  return matched.length;
}
