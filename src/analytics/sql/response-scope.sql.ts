import type { NamedSql, SqlParameters } from '../../database/named-sql';
import type { UserPropertyCondition } from '../../store/user-filter.sql';
import { userFilterNamedSql } from '../../store/user-filter.sql';
import { sql, withParameters } from './named-fragment';
import type { TimeWindow } from './slots';

/** Whether every response counts, or only each respondent's latest one in each window. */
export type Dedupe = 'ALL_RESPONSES' | 'LATEST_PER_PERSON';

/** The NPS responses an analytics query starts from. */
export interface ResponseScope {
  environmentId: string;
  conditions: readonly UserPropertyCondition[];
}

/** A search text as an ILIKE pattern that matches it anywhere, literally (null stays null). */
export function containsPattern(search: string | null): string | null {
  return search === null ? null : `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The windows' bounds as the two parallel arrays the `windows` CTE unnests. */
export function windowBounds(windows: readonly TimeWindow[]): SqlParameters {
  return {
    windowStarts: windows.map((window) => window.from.toISOString()),
    windowEnds: windows.map((window) => window.to.toISOString()),
  };
}

/**
 * How a user filter restricts responses. `join`: the planner's choice, which starts from the
 * matching users (best when few match). `hashedUsers`: the responses in the time range, each
 * checked against the matching users hashed once (best when the range is bounded and many match,
 * as for alert rules' windows).
 */
export type FilterPlan = 'join' | 'hashedUsers';

/**
 * NPS responses of the environment (survey type nps, score 0–10) as rows (id, person, score,
 * responded_at, user_id, comment, email, person_id, response_id), restricted to users matching
 * the filter when there is one. A respondent is a Delighted person; a response without one
 * stands for itself.
 */
export function npsResponses(scope: ResponseScope, plan: FilterPlan = 'join'): NamedSql {
  const filtered = scope.conditions.length > 0;
  const join =
    filtered && plan === 'join'
      ? sql`
          JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                      AND ${userFilterNamedSql(scope.conditions, 'u')}`
      : '';
  // IS TRUE keeps the planner from turning IN into that join, which it would start from users
  // (it cannot estimate a property filter): the matching users are hashed once per statement.
  const where =
    filtered && plan === 'hashedUsers'
      ? sql`
          WHERE r.environment_id = :environmentId AND r.is_nps
            AND (r.user_id IN (SELECT u.id FROM users u
                                WHERE u.environment_id = :environmentId
                                  AND ${userFilterNamedSql(scope.conditions, 'u')})) IS TRUE`
      : 'WHERE r.environment_id = :environmentId AND r.is_nps';
  return withParameters(
    sql`
      SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
             r.user_id, r.comment, r.email, r.person_id, r.response_id
        FROM survey_responses r
        ${join}
       ${where}`,
    { environmentId: scope.environmentId },
  );
}

/**
 * CTEs `windows` (window_start, window_end, position) and
 * `chosen`: each response of each window, or with LATEST_PER_PERSON each respondent's latest one.
 */
export function windowedResponses(
  scope: ResponseScope,
  windows: readonly TimeWindow[],
  dedupe: Dedupe,
  plan: FilterPlan = 'join',
): NamedSql {
  // LATERAL: an index range scan per window, never a join of every window with every response.
  // OFFSET 0 keeps the planner from flattening it into exactly that join.
  const join = sql`
    FROM windows w CROSS JOIN LATERAL (
      SELECT * FROM (
        ${npsResponses(scope, plan)}
      ) base
       WHERE base.responded_at >= w.window_start AND base.responded_at < w.window_end OFFSET 0
    ) b`;
  const chosen =
    dedupe === 'LATEST_PER_PERSON'
      ? sql`
        SELECT DISTINCT ON (w.position, b.person) w.position, b.*
          ${join}
         ORDER BY w.position, b.person, b.responded_at DESC, b.id DESC`
      : sql`
        SELECT w.position, b.*
          ${join}`;
  return withParameters(
    sql`
      windows AS (
        SELECT * FROM unnest(:windowStarts::timestamptz[], :windowEnds::timestamptz[])
                      WITH ORDINALITY AS w(window_start, window_end, position)
      ),
      chosen AS (
        ${chosen}
      )`,
    windowBounds(windows),
  );
}

/**
 * CTE `latest`: each respondent's latest NPS response with time ≤ :asOf (and ≥ :since when not
 * null), all the columns of npsResponses.
 */
export function latestAsOf(scope: ResponseScope, asOf: Date, since: Date | null): NamedSql {
  return withParameters(
    sql`
      latest AS (
        SELECT DISTINCT ON (b.person) b.*
          FROM (
            ${npsResponses(scope)}
          ) b
         WHERE b.responded_at <= :asOf::timestamptz
           AND (:since::timestamptz IS NULL OR b.responded_at >= :since::timestamptz)
         ORDER BY b.person, b.responded_at DESC, b.id DESC
      )`,
    { asOf: asOf.toISOString(), since: since?.toISOString() ?? null },
  );
}

/**
 * CTE `latest` (id, score, user_id, responded_at): everyone's latest NPS response, from
 * respondent_latest (valid when no filter applies and no response is newer than asOf).
 */
export function latestFromTable(scope: ResponseScope): NamedSql {
  return withParameters(
    sql`
      latest AS (
        SELECT l.response_row_id AS id, l.score, l.user_id, l.responded_at FROM respondent_latest l
         WHERE l.environment_id = :environmentId
      )`,
    { environmentId: scope.environmentId },
  );
}
