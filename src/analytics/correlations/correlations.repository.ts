import { Injectable } from '@nestjs/common';
import { userFilterSql } from '../../store/user-filter.sql';
import { activityTableAnswers } from '../sql/activity-table';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import { NewestResponseRepository } from '../sql/newest-response.repository';
import { ResponseScope, npsResponsesSql, parameterBinder } from '../sql/response-scope.sql';

/**
 * Correlation observations as `observations` (user_id, id, score, responded_at): each matched
 * user's latest NPS response in [from, to), restricted to users matching the filter. From
 * user_latest_nps when `latestKnown` (no response is as new as `to`, so everyone's latest in
 * range is their latest of all), else by a DISTINCT ON scan.
 */
function observationsSql(
  scope: ResponseScope,
  from: Date,
  to: Date,
  latestKnown: boolean,
  params: unknown[],
): string {
  if (latestKnown) {
    params.push(scope.environmentId, from.toISOString(), to.toISOString());
    const [environment, fromParam, toParam] = [1, 2, 3].map((k) => `$${params.length - 3 + k}`);
    const filter =
      scope.conditions.length > 0 ? userFilterSql(scope.conditions, 'u', params) : null;
    return `observations AS (
      SELECT l.user_id, l.response_row_id AS id, l.score, l.responded_at FROM user_latest_nps l
        ${filter ? `JOIN users u ON u.environment_id = l.environment_id AND u.id = l.user_id AND ${filter}` : ''}
       WHERE l.environment_id = ${environment}
         AND l.responded_at >= ${fromParam}::timestamptz AND l.responded_at < ${toParam}::timestamptz)`;
  }
  const base = npsResponsesSql(scope, params);
  params.push(from.toISOString(), to.toISOString());
  return `observations AS (
    SELECT DISTINCT ON (b.user_id) b.user_id, b.id, b.score, b.responded_at FROM (${base}) b
     WHERE b.user_id IS NOT NULL AND b.responded_at >= $${params.length - 1}::timestamptz
       AND b.responded_at < $${params.length}::timestamptz
     ORDER BY b.user_id, b.responded_at DESC, b.id DESC)`;
}

/** The observations of activityCorrelations, as sparse frequency tables per event type. */
@Injectable()
export class CorrelationsRepository {
  constructor(
    private readonly sql: AnalyticsSqlRunner,
    private readonly newest: NewestResponseRepository,
  ) {}

  /**
   * Observations for activity correlations: each matched respondent's latest NPS response in
   * [from, to). Returns the score histogram of all observations, and per event type the sparse
   * frequency table (x > 0 only) of (x = events in [t − windowDays·24h, t), score) — users who
   * never did the event enter through the totals, never as rows.
   */
  async correlationInputs(
    scope: ResponseScope,
    from: Date,
    to: Date,
    windowDays: number,
  ): Promise<{
    scoreCounts: number[];
    sparse: Array<{ name: string; x: number; score: number; users: number }>;
  }> {
    const newest = await this.newest.newestResponseTime(scope.environmentId);
    const params: unknown[] = [];
    const observations = observationsSql(
      scope,
      from,
      to,
      newest === null || newest.getTime() < to.getTime(),
      params,
    );
    const bind = parameterBinder(params);
    const environment = bind(scope.environmentId);
    const perUser = activityTableAnswers(windowDays, null)
      ? `SELECT a.name, o.user_id, o.score, a.events AS x
           FROM observations o
           JOIN response_activity_30d a ON a.environment_id = ${environment}::bigint AND a.response_row_id = o.id`
      : `SELECT e.name, o.user_id, o.score, count(*)::int AS x
           FROM observations o
           JOIN events e ON e.environment_id = ${environment}::bigint AND e.user_id = o.user_id
                        AND e.time >= o.responded_at - make_interval(hours => 24 * ${bind(windowDays)}::int)
                        AND e.time < o.responded_at AND e.name <> 'Submit Survey'
          GROUP BY e.name, o.user_id, o.score`;
    const rows: Array<{ name: string | null; x: number; score: number; users: number }> =
      await this.sql.guarded((manager) =>
        manager.query(
          `WITH ${observations}, per_user AS (${perUser})
         SELECT NULL AS name, 0 AS x, score, count(*)::int AS users FROM observations GROUP BY score
         UNION ALL
         SELECT name, x, score, count(*)::int AS users FROM per_user GROUP BY name, x, score`,
          params,
        ),
      );
    const scoreCounts = Array.from({ length: 11 }, () => 0);
    const sparse: Array<{ name: string; x: number; score: number; users: number }> = [];
    for (const row of rows) {
      if (row.name === null) scoreCounts[row.score] = row.users;
      else sparse.push({ name: row.name, x: row.x, score: row.score, users: row.users });
    }
    return { scoreCounts, sparse };
  }
}
