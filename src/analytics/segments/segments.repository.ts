import { Injectable } from '@nestjs/common';
import { CATEGORY_SCORES, NpsCategory } from '../math/nps-math';
import { activityTableAnswers } from '../sql/activity-table';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import { COUNTS, CategoryCounts } from '../sql/category-counts';
import { NewestResponseRepository } from '../sql/newest-response.repository';
import {
  ResponseScope,
  containsPattern,
  latestAsOfSql,
  latestFromTableSql,
  parameterBinder,
} from '../sql/response-scope.sql';
import type { MatchedUserColumns } from '../shared/matched-user.model';

/** Respondents per segment (and all of them as `responses`). */
export type SegmentTotals = Omit<CategoryCounts, 'scoreSum'>;

const SEGMENT_TOTAL_KEYS = {
  PROMOTER: 'promoters',
  PASSIVE: 'passives',
  DETRACTOR: 'detractors',
} as const satisfies Record<NpsCategory, keyof SegmentTotals>;

export interface SegmentMemberRow extends MatchedUserColumns {
  id: string;
  personId: string | null;
  email: string | null;
  score: number;
  respondedAt: Date;
  comment: string | null;
}

/**
 * Condition: the member whose latest response is row `responseId` matches the ILIKE `pattern`
 * parameter (null: everyone) by email, person id, comment or user identity.
 */
function memberMatchesSql(environment: string, responseId: string, pattern: string): string {
  return `(${pattern}::text IS NULL OR EXISTS (
    SELECT 1 FROM survey_responses mr
      LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
     WHERE mr.environment_id = ${environment}::bigint AND mr.id = ${responseId}
       AND concat_ws(' ', mr.email, mr.person_id, mr.comment, mu.identity) ILIKE ${pattern}))`;
}

/** Segments by each respondent's latest response: totals, members, and their use of an event. */
@Injectable()
export class SegmentsRepository {
  constructor(
    private readonly sql: AnalyticsSqlRunner,
    private readonly newest: NewestResponseRepository,
  ) {}

  /**
   * How many respondents have their latest NPS response (time ≤ asOf, and ≥ asOf − maxAgeDays
   * when given) in each category.
   */
  async segmentCounts(
    scope: ResponseScope,
    asOf: Date,
    since: Date | null,
  ): Promise<SegmentTotals> {
    if (await this.newest.latestTableAnswers(scope, asOf)) {
      if (since === null) return this.segmentTotalsNow(scope.environmentId);
      const [row] = await this.sql.guarded((manager) =>
        manager.query(
          `SELECT ${COUNTS} FROM respondent_latest WHERE environment_id = $1 AND responded_at >= $2`,
          [scope.environmentId, since.toISOString()],
        ),
      );
      return row as SegmentTotals;
    }
    const params: unknown[] = [];
    const latest = latestAsOfSql(scope, asOf, since, params);
    const [rows] = await this.sql.guarded((manager) =>
      manager.query(`WITH ${latest} SELECT ${COUNTS} FROM latest`, params),
    );
    return rows as SegmentTotals;
  }

  /** Everyone's segment totals from the one row respondent_segment_counts keeps per environment. */
  private async segmentTotalsNow(environmentId: string): Promise<SegmentTotals> {
    const [row] = await this.sql.guarded((manager) =>
      manager.query(
        `SELECT promoters + passives + detractors AS responses, promoters, passives, detractors
           FROM respondent_segment_counts WHERE environment_id = $1`,
        [environmentId],
      ),
    );
    return row ?? { responses: 0, promoters: 0, passives: 0, detractors: 0 };
  }

  /**
   * One row: how many respondents are in one segment as of `asOf` (index-only when it can), only
   * those matching `search` when given.
   */
  async segmentCount(
    scope: ResponseScope,
    asOf: Date,
    since: Date | null,
    segment: NpsCategory,
    search: string | null = null,
  ): Promise<number> {
    const fromTable = await this.newest.latestTableAnswers(scope, asOf);
    if (fromTable && since === null && search === null) {
      const totals = await this.segmentTotalsNow(scope.environmentId);
      return totals[SEGMENT_TOTAL_KEYS[segment]];
    }
    if (fromTable) {
      const [row] = await this.sql.guarded((manager) =>
        manager.query(
          `SELECT count(*)::int AS count FROM respondent_latest l
            WHERE l.environment_id = $1 AND l.segment = $2 AND ($3::timestamptz IS NULL OR l.responded_at >= $3)
              AND ${memberMatchesSql('$1', 'l.response_row_id', '$4')}`,
          [scope.environmentId, segment, since?.toISOString() ?? null, containsPattern(search)],
        ),
      );
      return row.count;
    }
    if (search === null) {
      const counts = await this.segmentCounts(scope, asOf, since);
      return counts[SEGMENT_TOTAL_KEYS[segment]];
    }
    const params: unknown[] = [];
    const latest = latestAsOfSql(scope, asOf, since, params);
    const bind = parameterBinder(params);
    const [low, high] = CATEGORY_SCORES[segment].map(bind);
    const [row] = await this.sql.guarded((manager) =>
      manager.query(
        `WITH ${latest} SELECT count(*)::int AS count FROM latest l
          WHERE l.score BETWEEN ${low} AND ${high}
            AND ${memberMatchesSql(bind(scope.environmentId), 'l.id', bind(containsPattern(search)))}`,
        params,
      ),
    );
    return row.count;
  }

  /**
   * Up to `limit` members of a segment as of `asOf`, newest response first, after the
   * (responded_at, id) cursor: their latest response and matched user. With `search`, only members
   * whose email, person id, comment or user identity contains it (case-insensitive).
   */
  async segmentMembers(
    scope: ResponseScope,
    asOf: Date,
    since: Date | null,
    segment: NpsCategory,
    after: { respondedAt: string; id: string } | null,
    limit: number,
    search: string | null = null,
  ): Promise<SegmentMemberRow[]> {
    if (await this.newest.latestTableAnswers(scope, asOf)) {
      return this.sql.guarded((manager) =>
        manager.query(
          `SELECT r.id, r.person_id AS "personId", r.email, r.score, r.responded_at AS "respondedAt", r.comment,
                  u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
             FROM (SELECT l.response_row_id FROM respondent_latest l
                    WHERE l.environment_id = $1 AND l.segment = $2
                      AND ($3::timestamptz IS NULL OR l.responded_at >= $3)
                      AND ($4::timestamptz IS NULL OR (l.responded_at, l.response_row_id) < ($4::timestamptz, $5::bigint))
                      AND ${memberMatchesSql('$1', 'l.response_row_id', '$7')}
                    ORDER BY l.responded_at DESC, l.response_row_id DESC LIMIT $6) page
             JOIN survey_responses r ON r.environment_id = $1 AND r.id = page.response_row_id
             LEFT JOIN users u ON u.environment_id = $1 AND u.id = r.user_id
            ORDER BY r.responded_at DESC, r.id DESC`,
          [
            scope.environmentId,
            segment,
            since?.toISOString() ?? null,
            after?.respondedAt ?? null,
            after?.id ?? null,
            limit,
            containsPattern(search),
          ],
        ),
      );
    }
    const params: unknown[] = [];
    const latest = latestAsOfSql(scope, asOf, since, params);
    const bind = parameterBinder(params);
    const [low, high] = CATEGORY_SCORES[segment].map(bind);
    const [afterTime, afterId] = [bind(after?.respondedAt ?? null), bind(after?.id ?? null)];
    const environment = bind(scope.environmentId);
    return this.sql.guarded((manager) =>
      manager.query(
        `WITH ${latest}
         SELECT l.id, l.person_id AS "personId", l.email, l.score, l.responded_at AS "respondedAt", l.comment,
                u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
           FROM latest l
           LEFT JOIN users u ON u.environment_id = ${environment}::bigint AND u.id = l.user_id
          WHERE l.score BETWEEN ${low} AND ${high}
            AND (${afterTime}::timestamptz IS NULL OR (l.responded_at, l.id) < (${afterTime}::timestamptz, ${afterId}::bigint))
            AND ${memberMatchesSql(environment, 'l.id', bind(containsPattern(search)))}
          ORDER BY l.responded_at DESC, l.id DESC
          LIMIT ${bind(limit)}`,
        params,
      ),
    );
  }

  /**
   * One row per segment category: respondents (latest NPS response ≤ asOf), how many are matched
   * to a user, how many of those did `eventType` in [t − windowDays·24h, t), and the total count.
   */
  async segmentEventUsage(
    scope: ResponseScope,
    asOf: Date,
    eventType: string,
    windowDays: number,
  ): Promise<
    Array<{
      category: 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';
      members: number;
      matched: number;
      withEvent: number;
      events: number;
    }>
  > {
    const params: unknown[] = [];
    const latest = (await this.newest.latestTableAnswers(scope, asOf))
      ? latestFromTableSql(scope, params)
      : latestAsOfSql(scope, asOf, null, params);
    const bind = parameterBinder(params);
    const [type, environment] = [bind(eventType), bind(scope.environmentId)];
    // The event type's count per respondent: sparse rows joined in one pass, else a window scan each.
    const usage = activityTableAnswers(windowDays, [eventType])
      ? `SELECT l.score, l.user_id, coalesce(a.events, 0) AS events
           FROM latest l
           LEFT JOIN response_activity_30d a
             ON a.environment_id = ${environment}::bigint AND a.name = ${type} AND a.response_row_id = l.id`
      : `SELECT l.score, l.user_id, activity.events
           FROM latest l
           CROSS JOIN LATERAL (
             SELECT count(*)::int AS events FROM events e
              WHERE e.environment_id = ${environment}::bigint AND e.user_id = l.user_id AND e.name = ${type}
                AND e.time >= l.responded_at - make_interval(hours => 24 * ${bind(windowDays)}::int)
                AND e.time < l.responded_at) activity`;
    return this.sql.guarded((manager) =>
      manager.query(
        `WITH ${latest}, usage AS (${usage})
         SELECT CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS category,
                count(*)::int AS members,
                count(user_id)::int AS matched,
                count(*) FILTER (WHERE events > 0)::int AS "withEvent",
                coalesce(sum(events), 0)::int AS events
           FROM usage GROUP BY 1`,
        params,
      ),
    );
  }
}
