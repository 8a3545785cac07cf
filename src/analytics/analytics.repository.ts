import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import type { UserPropertyCondition } from '../store/user-filter.sql';
import { userFilterSql } from '../store/user-filter.sql';
import { AnalyticsGate } from '../workload/analytics-gate';
import { CATEGORY_SCORES, NpsCategory } from './math/nps-math';

export type Dedupe = 'ALL_RESPONSES' | 'LATEST_PER_PERSON';

export interface CategoryCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  scoreSum: number;
}

/** Respondents per segment (and all of them as `responses`). */
export type SegmentTotals = Omit<CategoryCounts, 'scoreSum'>;

const SEGMENT_TOTAL_KEYS = {
  PROMOTER: 'promoters',
  PASSIVE: 'passives',
  DETRACTOR: 'detractors',
} as const satisfies Record<NpsCategory, keyof SegmentTotals>;

/** The NPS responses an analytics query starts from. */
export interface ResponseScope {
  environmentId: string;
  conditions: readonly UserPropertyCondition[];
}

/**
 * The activity window response_activity_30d holds (720 hours); figures over other windows count
 * events directly.
 */
export const ACTIVITY_TABLE_WINDOW_DAYS = 30;

/** A binder of query parameters: pushes the value and returns its placeholder ($n). */
function parameterBinder(params: unknown[]): (value: unknown) => string {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/** Whether response_activity_30d answers a count of `eventTypes` (null: all) over `windowDays`. */
function activityTableAnswers(windowDays: number, eventTypes: readonly string[] | null): boolean {
  return (
    windowDays === ACTIVITY_TABLE_WINDOW_DAYS &&
    (eventTypes === null || !eventTypes.includes('Submit Survey'))
  );
}

const COUNTS = `count(*)::int AS responses,
  count(*) FILTER (WHERE score >= 9)::int AS promoters,
  count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
  count(*) FILTER (WHERE score <= 6)::int AS detractors,
  coalesce(sum(score), 0)::int AS "scoreSum"`;

/**
 * NPS responses of the environment (survey type nps, score 0–10) as rows (id, person, score,
 * responded_at, user_id, comment, email), restricted to users matching the filter when there is
 * one. A respondent is a Delighted person; a response without one stands for itself.
 */
function npsResponsesSql(scope: ResponseScope, params: unknown[]): string {
  params.push(scope.environmentId);
  const environment = `$${params.length}`;
  const filter = scope.conditions.length > 0 ? userFilterSql(scope.conditions, 'u', params) : null;
  return `SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                 r.user_id, r.comment, r.email, r.person_id, r.response_id
            FROM survey_responses r
            ${filter ? `JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id AND ${filter}` : ''}
           WHERE r.environment_id = ${environment} AND r.is_nps`;
}

/**
 * CTEs `windows` (position, window_start, window_end) and
 * `chosen`: each response of each window, or with LATEST_PER_PERSON each respondent's latest one.
 */
function windowedResponsesSql(
  scope: ResponseScope,
  windows: ReadonlyArray<{ from: Date; to: Date }>,
  dedupe: Dedupe,
  params: unknown[],
): string {
  const base = npsResponsesSql(scope, params);
  params.push(
    windows.map((window) => window.from.toISOString()),
    windows.map((window) => window.to.toISOString()),
  );
  const [starts, ends] = [`$${params.length - 1}`, `$${params.length}`];
  // LATERAL: an index range scan per window, never a join of every window with every response.
  // OFFSET 0 keeps the planner from flattening it into exactly that join.
  const join = `FROM windows w CROSS JOIN LATERAL (
      SELECT * FROM (${base}) base
       WHERE base.responded_at >= w.window_start AND base.responded_at < w.window_end OFFSET 0) b`;
  const chosen =
    dedupe === 'LATEST_PER_PERSON'
      ? `SELECT DISTINCT ON (w.position, b.person) w.position, b.* ${join}
          ORDER BY w.position, b.person, b.responded_at DESC, b.id DESC`
      : `SELECT w.position, b.* ${join}`;
  return `windows AS (SELECT * FROM unnest(${starts}::timestamptz[], ${ends}::timestamptz[])
                        WITH ORDINALITY AS w(window_start, window_end, position)),
          chosen AS (${chosen})`;
}

/** Each respondent's latest NPS response with time ≤ $asOf (and ≥ $since when not null), as `latest`. */
function latestAsOfSql(
  scope: ResponseScope,
  asOf: Date,
  since: Date | null,
  params: unknown[],
): string {
  const base = npsResponsesSql(scope, params);
  params.push(asOf.toISOString(), since?.toISOString() ?? null);
  const [asOfParam, sinceParam] = [`$${params.length - 1}`, `$${params.length}`];
  return `latest AS (
    SELECT DISTINCT ON (b.person) b.* FROM (${base}) b
     WHERE b.responded_at <= ${asOfParam}::timestamptz
       AND (${sinceParam}::timestamptz IS NULL OR b.responded_at >= ${sinceParam}::timestamptz)
     ORDER BY b.person, b.responded_at DESC, b.id DESC)`;
}

/** Everyone's latest NPS response from respondent_latest (valid when latestTableAnswers), as `latest`. */
function latestFromTableSql(scope: ResponseScope, params: unknown[]): string {
  params.push(scope.environmentId);
  return `latest AS (
    SELECT l.response_row_id AS id, l.score, l.user_id, l.responded_at FROM respondent_latest l
     WHERE l.environment_id = $${params.length})`;
}

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

/** A search text as an ILIKE pattern that matches it anywhere, literally (null stays null). */
function containsPattern(search: string | null): string | null {
  return search === null ? null : `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
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

/** WHERE clause of the response list and its count; pushes its parameters. */
function responseListFilterSql(
  environmentId: string,
  filter: ResponseListFilter,
  params: unknown[],
): string {
  params.push(
    environmentId,
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
    filter.scoreRange?.[0] ?? null,
    filter.scoreRange?.[1] ?? null,
    containsPattern(filter.search),
  );
  const [environment, from, to, low, high, search] = [1, 2, 3, 4, 5, 6].map(
    (k) => `$${params.length - 6 + k}`,
  );
  return `r.environment_id = ${environment}
    AND (${from}::timestamptz IS NULL OR r.responded_at >= ${from}) AND (${to}::timestamptz IS NULL OR r.responded_at < ${to})
    AND (${low}::int IS NULL OR (r.is_nps AND r.score BETWEEN ${low} AND ${high}))
    AND (${search}::text IS NULL OR r.comment ILIKE ${search})
    AND ${
      filter.conditions.length === 0
        ? 'TRUE'
        : `EXISTS (SELECT 1 FROM users fu WHERE fu.environment_id = r.environment_id AND fu.id = r.user_id
                    AND ${userFilterSql(filter.conditions, 'fu', params)})`
    }`;
}

@Injectable()
export class AnalyticsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly gate: AnalyticsGate,
  ) {}

  /**
   * respondent_latest answers "as of" questions exactly when no filter applies and no response
   * is newer than asOf (then everyone's latest response is their latest as of then).
   */
  private async latestTableAnswers(scope: ResponseScope, asOf: Date): Promise<boolean> {
    if (scope.conditions.length > 0) return false;
    const newest = await this.newestResponseTime(scope.environmentId);
    return newest === null || newest.getTime() <= asOf.getTime();
  }

  /** Time of the environment's newest NPS response (null when it has none). */
  private async newestResponseTime(environmentId: string): Promise<Date | null> {
    const [row] = await this.guarded((manager) =>
      manager.query(
        `SELECT max(responded_at) AS newest FROM survey_responses WHERE environment_id = $1 AND is_nps`,
        [environmentId],
      ),
    );
    return row.newest ? new Date(row.newest) : null;
  }

  /**
   * Runs analytics SQL in one of the instance's analytics slots (AnalyticsGate), under the
   * statement timeout (a query that hits it becomes a clear error), cancelled in PostgreSQL
   * should its request be cancelled.
   */
  private async guarded<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.gate.run((slot) =>
        this.dataSource.transaction('READ COMMITTED', async (manager) => {
          // Aggregations over a million responses would otherwise spill their sorts to disk.
          const [{ pid }] = await manager.query(
            `SELECT pg_backend_pid() AS pid, set_config('statement_timeout', $1, true),
                    set_config('work_mem', '64MB', true)`,
            [String(Number(this.config.analyticsStatementTimeoutMs))],
          );
          return slot.cancellable(
            () => this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]),
            () => work(manager),
          );
        }),
      );
    } catch (error) {
      if (
        (error as { driverError?: { code?: string }; code?: string }).driverError?.code === '57014'
      ) {
        throw new AppError(
          'TIMEOUT',
          `The analytics query took longer than ${this.config.analyticsStatementTimeoutMs} ms and was stopped; narrow the range or the filter.`,
        );
      }
      throw error;
    }
  }

  /** One row per window (in order): category counts of the NPS responses with time in it. */
  async countsPerWindow(
    scope: ResponseScope,
    windows: ReadonlyArray<{ from: Date; to: Date }>,
    dedupe: Dedupe,
  ): Promise<CategoryCounts[]> {
    if (dedupe === 'ALL_RESPONSES' && scope.conditions.length === 0) {
      if (windows.every(isSlotAligned))
        return this.countsPerWindowFromRollup(scope.environmentId, windows);
      // The slot-aligned middle of each window from the rollup, its (< 15 min) edges from rows.
      const middles = windows.map(alignedMiddle);
      const edges = windows.flatMap((window, index) =>
        edgesOf(window, middles[index]).map((edge) => ({ ...edge, index })),
      );
      const [fromRollup, fromRows] = await Promise.all([
        this.countsPerWindowFromRollup(scope.environmentId, middles),
        edges.length > 0 ? this.countsPerWindowFromRows(scope, edges, dedupe) : Promise.resolve([]),
      ]);
      edges.forEach(
        (edge, position) =>
          (fromRollup[edge.index] = addCounts(fromRollup[edge.index], fromRows[position])),
      );
      return fromRollup;
    }
    return this.countsPerWindowFromRows(scope, windows, dedupe);
  }

  /** One row per window (in order), counted from survey_responses. */
  private async countsPerWindowFromRows(
    scope: ResponseScope,
    windows: ReadonlyArray<{ from: Date; to: Date }>,
    dedupe: Dedupe,
  ): Promise<CategoryCounts[]> {
    const params: unknown[] = [];
    const ctes = windowedResponsesSql(scope, windows, dedupe, params);
    const rows: Array<CategoryCounts & { position: string }> = await this.guarded((manager) =>
      manager.query(
        `WITH ${ctes} SELECT position, ${COUNTS} FROM chosen GROUP BY position`,
        params,
      ),
    );
    const byPosition = new Map(rows.map((row) => [Number(row.position), row]));
    return windows.map((_, index) => byPosition.get(index + 1) ?? emptyCounts());
  }

  /**
   * Same answer as countsPerWindow for ALL_RESPONSES without a filter, from the 15-minute rollup:
   * one row per window (in order), summing the slots inside it.
   */
  private async countsPerWindowFromRollup(
    environmentId: string,
    windows: ReadonlyArray<{ from: Date; to: Date }>,
  ): Promise<CategoryCounts[]> {
    const rows: Array<CategoryCounts & { position: string }> = await this.guarded((manager) =>
      manager.query(
        // LATERAL: one index range scan of the slots per window, whatever the row estimates.
        `SELECT w.position, slots.responses, slots.promoters, slots.passives, slots.detractors, slots."scoreSum"
           FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS w(window_start, window_end, position)
           CROSS JOIN LATERAL (
             SELECT coalesce(sum(r.responses), 0)::int AS responses, coalesce(sum(r.promoters), 0)::int AS promoters,
                    coalesce(sum(r.passives), 0)::int AS passives, coalesce(sum(r.detractors), 0)::int AS detractors,
                    coalesce(sum(r.score_sum), 0)::int AS "scoreSum"
               FROM nps_rollup_15m r
              WHERE r.environment_id = $1 AND r.slot >= w.window_start AND r.slot < w.window_end) slots`,
        [
          environmentId,
          windows.map((window) => window.from.toISOString()),
          windows.map((window) => window.to.toISOString()),
        ],
      ),
    );
    const byPosition = new Map(rows.map((row) => [Number(row.position), row]));
    return windows.map((_, index) => byPosition.get(index + 1) ?? emptyCounts());
  }

  /**
   * One row per (window, tier): counts of NPS responses in each window by the engagement of the
   * responding user, i.e. how many of their events (of `eventTypes`, else all but Submit Survey)
   * fall in [t − windowDays·24h, t). Tier = index among `thresholds`; null for unmatched responses.
   */
  async countsPerWindowAndTier(
    scope: ResponseScope,
    windows: ReadonlyArray<{ from: Date; to: Date }>,
    dedupe: Dedupe,
    engagement: {
      windowDays: number;
      thresholds: readonly number[];
      eventTypes: readonly string[] | null;
    },
  ): Promise<Array<CategoryCounts & { window: number; tier: number | null }>> {
    const params: unknown[] = [];
    const ctes = windowedResponsesSql(scope, windows, dedupe, params);
    const bind = parameterBinder(params);
    const [thresholds, eventTypes, environment] = [
      bind([...engagement.thresholds]),
      bind(engagement.eventTypes),
      bind(scope.environmentId),
    ];
    // Events of the user in [t − windowDays·24h, t), one row per response.
    const activity = activityTableAnswers(engagement.windowDays, engagement.eventTypes)
      ? `SELECT coalesce(sum(a.events), 0)::int AS events FROM response_activity_30d a
          WHERE a.environment_id = ${environment} AND a.response_row_id = c.id
            AND (${eventTypes}::text[] IS NULL OR a.name = ANY(${eventTypes}::text[]))`
      : `SELECT count(*)::int AS events FROM events e
          WHERE e.environment_id = ${environment} AND e.user_id = c.user_id
            AND e.time >= c.responded_at - make_interval(hours => 24 * ${bind(engagement.windowDays)}::int)
            AND e.time < c.responded_at
            AND (CASE WHEN ${eventTypes}::text[] IS NULL THEN e.name <> 'Submit Survey'
                      ELSE e.name = ANY(${eventTypes}::text[]) END)`;
    const rows: Array<CategoryCounts & { position: string; tier: number | null }> =
      await this.guarded((manager) =>
        manager.query(
          `WITH ${ctes},
              tiered AS (
                SELECT c.position, c.score,
                       CASE WHEN c.user_id IS NULL THEN NULL
                            ELSE width_bucket(activity.events, ${thresholds}::int[]) END AS tier
                  FROM chosen c
                  LEFT JOIN LATERAL (${activity}) activity ON c.user_id IS NOT NULL
              )
         SELECT position, tier, ${COUNTS} FROM tiered GROUP BY position, tier`,
          params,
        ),
      );
    return rows.map((row) => ({
      ...row,
      window: Number(row.position),
      tier: row.tier === null ? null : Number(row.tier),
    }));
  }

  /**
   * How many respondents have their latest NPS response (time ≤ asOf, and ≥ asOf − maxAgeDays
   * when given) in each category.
   */
  async segmentCounts(
    scope: ResponseScope,
    asOf: Date,
    since: Date | null,
  ): Promise<SegmentTotals> {
    if (await this.latestTableAnswers(scope, asOf)) {
      if (since === null) return this.segmentTotalsNow(scope.environmentId);
      const [row] = await this.guarded((manager) =>
        manager.query(
          `SELECT ${COUNTS} FROM respondent_latest WHERE environment_id = $1 AND responded_at >= $2`,
          [scope.environmentId, since.toISOString()],
        ),
      );
      return row as SegmentTotals;
    }
    const params: unknown[] = [];
    const latest = latestAsOfSql(scope, asOf, since, params);
    const [rows] = await this.guarded((manager) =>
      manager.query(`WITH ${latest} SELECT ${COUNTS} FROM latest`, params),
    );
    return rows as SegmentTotals;
  }

  /** Everyone's segment totals from the one row respondent_segment_counts keeps per environment. */
  private async segmentTotalsNow(environmentId: string): Promise<SegmentTotals> {
    const [row] = await this.guarded((manager) =>
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
    const fromTable = await this.latestTableAnswers(scope, asOf);
    if (fromTable && since === null && search === null) {
      const totals = await this.segmentTotalsNow(scope.environmentId);
      return totals[SEGMENT_TOTAL_KEYS[segment]];
    }
    if (fromTable) {
      const [row] = await this.guarded((manager) =>
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
    const [row] = await this.guarded((manager) =>
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
    if (await this.latestTableAnswers(scope, asOf)) {
      return this.guarded((manager) =>
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
    return this.guarded((manager) =>
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
    const latest = (await this.latestTableAnswers(scope, asOf))
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
    return this.guarded((manager) =>
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
    const newest = await this.newestResponseTime(scope.environmentId);
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
      await this.guarded((manager) =>
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

  /** Up to `limit` responses of any survey type, newest first, after the (responded_at, id) cursor. */
  async listResponses(
    environmentId: string,
    filter: ResponseListFilter,
    after: { respondedAt: string; id: string } | null,
    limit: number,
  ): Promise<SurveyResponseRow[]> {
    const params: unknown[] = [];
    const where = responseListFilterSql(environmentId, filter, params);
    params.push(after?.respondedAt ?? null, after?.id ?? null, limit);
    const n = params.length;
    return this.guarded((manager) =>
      manager.query(
        `SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
                r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
                r.response_updated_at AS "updatedAt", r.source,
                u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
           FROM survey_responses r
           LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
          WHERE ${where}
            AND ($${n - 2}::timestamptz IS NULL OR (r.responded_at, r.id) < ($${n - 2}::timestamptz, $${n - 1}::bigint))
          ORDER BY r.responded_at DESC, r.id DESC
          LIMIT $${n}`,
        params,
      ),
    );
  }

  /** One row: how many responses listResponses would page through. */
  async countResponses(environmentId: string, filter: ResponseListFilter): Promise<number> {
    const params: unknown[] = [];
    const where = responseListFilterSql(environmentId, filter, params);
    const [row] = await this.guarded((manager) =>
      manager.query(`SELECT count(*)::int AS count FROM survey_responses r WHERE ${where}`, params),
    );
    return row.count;
  }
}

export interface ResponseListFilter {
  from: Date | null;
  to: Date | null;
  scoreRange: [number, number] | null;
  search: string | null;
  /** User-property conditions: only responses of matching users pass. */
  conditions: readonly UserPropertyCondition[];
}

export interface SegmentMemberRow {
  id: string;
  personId: string | null;
  email: string | null;
  score: number;
  respondedAt: Date;
  comment: string | null;
  userIdentity: string | null;
  userProperties: Record<string, string | number> | null;
  userId: string | null;
}

export interface SurveyResponseRow extends SegmentMemberRow {
  responseId: string;
  surveyType: string;
  isNps: boolean;
  permalink: string | null;
  updatedAt: Date | null;
  source: string;
}

const SLOT_MS = 15 * 60_000;

/** The largest slot-aligned part of a window (empty, from = to, when it spans no whole slot). */
export function alignedMiddle(window: { from: Date; to: Date }): { from: Date; to: Date } {
  const from = Math.ceil(window.from.getTime() / SLOT_MS) * SLOT_MS;
  const to = Math.max(from, Math.floor(window.to.getTime() / SLOT_MS) * SLOT_MS);
  return { from: new Date(from), to: new Date(to) };
}

/** What a window has outside its aligned middle: at most two pieces shorter than a slot. */
export function edgesOf(
  window: { from: Date; to: Date },
  middle: { from: Date; to: Date },
): Array<{ from: Date; to: Date }> {
  if (middle.from.getTime() === middle.to.getTime()) return [window];
  return [
    { from: window.from, to: middle.from },
    { from: middle.to, to: window.to },
  ].filter((edge) => edge.from.getTime() < edge.to.getTime());
}

function addCounts(a: CategoryCounts, b: CategoryCounts): CategoryCounts {
  return {
    responses: a.responses + b.responses,
    promoters: a.promoters + b.promoters,
    passives: a.passives + b.passives,
    detractors: a.detractors + b.detractors,
    scoreSum: a.scoreSum + b.scoreSum,
  };
}

/** Whether a window starts and ends on 15-minute UTC slot boundaries (so the rollup covers it exactly). */
export function isSlotAligned(window: { from: Date; to: Date }): boolean {
  return window.from.getTime() % SLOT_MS === 0 && window.to.getTime() % SLOT_MS === 0;
}

export function emptyCounts(): CategoryCounts {
  return { responses: 0, promoters: 0, passives: 0, detractors: 0, scoreSum: 0 };
}
