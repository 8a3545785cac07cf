/**
 * What the analytics benchmark measures: each query through GraphQL, its plain-SQL floor (the
 * straightforward single statement for the same figure) and the service call whose SQL
 * `--explain` captures. Checks compare the GraphQL answer with the floor's rows.
 */
import { Dedupe, NpsSegment } from '../../src/analytics/shared/analytics.input';
import { Interval } from '../../src/analytics/shared/interval.input';
import type { Floor, MeasuredQuery, QueryContext } from './measured-query';
import { whyItMovedQueries } from './why-it-moved-queries';

export type { Floor, MeasuredQuery, QueryContext } from './measured-query';

const DAY_MS = 24 * 60 * 60 * 1000;

const COUNTS = `count(*)::int AS responses,
  count(*) FILTER (WHERE score >= 9)::int AS promoters,
  count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
  count(*) FILTER (WHERE score <= 6)::int AS detractors`;

/** Each respondent's latest NPS response up to now (a person, else the response itself). */
export const LATEST_FLOOR = `SELECT DISTINCT ON (coalesce(r.person_id, 'response:' || r.response_id)) r.*
   FROM survey_responses r
  WHERE r.environment_id = $1 AND r.is_nps AND r.responded_at <= now()
  ORDER BY coalesce(r.person_id, 'response:' || r.response_id), r.responded_at DESC, r.id DESC`;

interface Counts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

function sumCounts(rows: ReadonlyArray<Partial<Counts>>): Counts {
  const total: Counts = { responses: 0, promoters: 0, passives: 0, detractors: 0 };
  for (const row of rows) {
    for (const key of Object.keys(total) as Array<keyof Counts>)
      total[key] += Number(row[key] ?? 0);
  }
  return total;
}

function expectSame(what: string, service: Counts, floor: Counts): void {
  if (JSON.stringify(service) !== JSON.stringify(floor)) {
    throw new Error(
      `${what}: the service answered ${JSON.stringify(service)}, the SQL floor ${JSON.stringify(floor)}`,
    );
  }
}

export const MEMBER_FIELDS = `totalCount
  edges { cursor node { email personId score respondedAt comment user { identity properties } } }
  pageInfo { hasNextPage endCursor }`;

export const SEGMENT_MEMBERS_QUERY = `query($env: ID!, $first: Int!, $after: String) {
  environment(id: $env) { segmentMembers(segment: PROMOTER, first: $first, after: $after) { ${MEMBER_FIELDS} } } }`;

/** The same list with only what a cursor walk needs (large pages stay under the complexity cap). */
export const SEGMENT_MEMBERS_WALK_QUERY = `query($env: ID!, $first: Int!, $after: String) {
  environment(id: $env) { segmentMembers(segment: PROMOTER, first: $first, after: $after) {
    totalCount edges { node { personId respondedAt } } pageInfo { hasNextPage endCursor } } } }`;

export interface MembersPage {
  environment: {
    segmentMembers: {
      totalCount: number;
      edges: Array<{ cursor?: string; node: { personId: string | null; respondedAt: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

/** The promoters page after (respondedAt, id), as the straightforward statement. */
export function membersFloor(environmentId: string, after: [string, string] | null): Floor {
  return {
    sql: `SELECT l.id, l.person_id AS "personId", l.email, l.score, l.responded_at AS "respondedAt", l.comment,
                 u.identity, u.properties
            FROM (${LATEST_FLOOR}) l
            LEFT JOIN users u ON u.environment_id = $1 AND u.id = l.user_id
           WHERE l.score >= 9
             AND ($2::timestamptz IS NULL OR (l.responded_at, l.id) < ($2::timestamptz, $3::bigint))
           ORDER BY l.responded_at DESC, l.id DESC LIMIT 51`,
    params: [environmentId, after?.[0] ?? null, after?.[1] ?? null],
  };
}

function membersQuery(
  name: string,
  context: QueryContext,
  after: { cursor: string; values: [string, string] } | null,
): MeasuredQuery {
  return {
    name,
    targetMs: 20,
    query: SEGMENT_MEMBERS_QUERY,
    variables: { env: context.environmentId, first: 50, after: after?.cursor ?? null },
    floor: membersFloor(context.environmentId, after?.values ?? null),
    check(data, floorRows) {
      const page = (data as MembersPage).environment.segmentMembers;
      const first = page.edges[0]?.node;
      const expected = floorRows[0] as { personId: string; respondedAt: Date } | undefined;
      if (page.edges.length !== Math.min(50, floorRows.length)) {
        throw new Error(`${name}: ${page.edges.length} members, the floor ${floorRows.length}`);
      }
      if (
        expected &&
        (first?.personId !== expected.personId ||
          new Date(first.respondedAt).getTime() !== new Date(expected.respondedAt).getTime())
      ) {
        throw new Error(
          `${name}: first member ${JSON.stringify(first)}, the floor ${JSON.stringify(expected)}`,
        );
      }
    },
    capture: (service, principal) =>
      service.segmentMembers(principal, context.environmentId, {
        segment: NpsSegment.PROMOTER,
        first: 50,
        after: after?.cursor ?? null,
      }),
  };
}

function weeklyTrend(name: string, environmentId: string, from: Date, to: Date): MeasuredQuery {
  const env = environmentId;
  return {
    name,
    targetMs: 50,
    query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
        npsTrend(from: $from, to: $to, interval: WEEK, timezone: "UTC", dedupe: ALL_RESPONSES) {
          points { bucketStart bucketEnd responses promoters passives detractors nps averageScore ciLow ciHigh marginOfError } } } }`,
    variables: { env, from: from.toISOString(), to: to.toISOString() },
    floor: {
      sql: `SELECT date_trunc('week', responded_at AT TIME ZONE 'UTC') AS week, ${COUNTS}, sum(score)::int AS "scoreSum"
                FROM survey_responses
               WHERE environment_id = $1 AND is_nps AND responded_at >= $2 AND responded_at < $3
               GROUP BY 1 ORDER BY 1`,
      params: [env, from.toISOString(), to.toISOString()],
    },
    check(data, floorRows) {
      const points = (data as { environment: { npsTrend: { points: Counts[] } } }).environment
        .npsTrend.points;
      expectSame('npsTrend weekly', sumCounts(points), sumCounts(floorRows));
      const nonEmpty = points.filter((point) => point.responses > 0).length;
      if (nonEmpty !== floorRows.length) {
        throw new Error(
          `npsTrend weekly: ${nonEmpty} non-empty weeks, the floor ${floorRows.length}`,
        );
      }
    },
    capture: (service, principal) =>
      service.trend(principal, env, 'UTC', {
        from,
        to,
        interval: Interval.WEEK,
        timezone: 'UTC',
        dedupe: Dedupe.ALL_RESPONSES,
      }),
  };
}

export function measuredQueries(
  context: QueryContext,
  pageN: { page: number; cursor: string; values: [string, string] } | null,
): MeasuredQuery[] {
  const env = context.environmentId;
  const { from, to } = context;
  const yearAgo = new Date(to.getTime() - 365 * DAY_MS);
  return [
    {
      // The fixed cost of a request: HTTP, key check, GraphQL parsing, the environment lookup.
      name: 'baseline: environment { id }',
      targetMs: null,
      query: `query($env: ID!) { environment(id: $env) { id } }`,
      variables: { env },
      floor: { sql: `SELECT id FROM environments WHERE id = $1`, params: [env] },
      check(data) {
        if ((data as { environment: { id: string } | null }).environment?.id !== env) {
          throw new Error(`baseline: environment ${env} not found`);
        }
      },
      capture: async () => null,
    },
    weeklyTrend('npsTrend WEEK, 2 years', env, from, to),
    // What a dashboard asking for "the last two years" up to this instant sends.
    weeklyTrend(
      'npsTrend WEEK, 2 years to now',
      env,
      new Date(Date.now() - 730 * DAY_MS),
      new Date(),
    ),
    {
      name: 'npsSummary, 2 years',
      targetMs: null,
      query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
        npsSummary(from: $from, to: $to) { responses promoters passives detractors nps averageScore ciLow ciHigh marginOfError } } }`,
      variables: { env, from: from.toISOString(), to: to.toISOString() },
      floor: {
        sql: `SELECT ${COUNTS}, sum(score)::int AS "scoreSum" FROM survey_responses
               WHERE environment_id = $1 AND is_nps AND responded_at >= $2 AND responded_at < $3`,
        params: [env, from.toISOString(), to.toISOString()],
      },
      check(data, floorRows) {
        const summary = (data as { environment: { npsSummary: Counts } }).environment.npsSummary;
        expectSame('npsSummary', sumCounts([summary]), sumCounts(floorRows));
      },
      capture: (service, principal) => service.summary(principal, env, { from, to }),
    },
    {
      name: 'segmentSummary, as of now',
      targetMs: 100,
      query: `query($env: ID!) { environment(id: $env) { segmentSummary { segment count share } } }`,
      variables: { env },
      floor: { sql: `SELECT ${COUNTS} FROM (${LATEST_FLOOR}) l`, params: [env] },
      check(data, floorRows) {
        const segments = (
          data as { environment: { segmentSummary: Array<{ segment: string; count: number }> } }
        ).environment.segmentSummary;
        const count = (segment: string) =>
          segments.find((row) => row.segment === segment)?.count ?? 0;
        const service = {
          responses: count('PROMOTER') + count('PASSIVE') + count('DETRACTOR'),
          promoters: count('PROMOTER'),
          passives: count('PASSIVE'),
          detractors: count('DETRACTOR'),
        };
        expectSame('segmentSummary', service, sumCounts(floorRows));
      },
      capture: (service, principal) => service.segmentSummary(principal, env, {}),
    },
    membersQuery('segmentMembers PROMOTER, page 1', context, null),
    ...(pageN
      ? [
          membersQuery(`segmentMembers PROMOTER, page ${pageN.page}`, context, {
            cursor: pageN.cursor,
            values: pageN.values,
          }),
        ]
      : []),
    correlationsQuery(env, yearAgo, to, 30, 150),
    correlationsQuery(env, yearAgo, to, 90, 1000),
    {
      name: 'npsTrend MONTH + engagement, 1 year',
      targetMs: 100,
      query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
        npsTrend(from: $from, to: $to, interval: MONTH, timezone: "UTC", engagement: { windowDays: 30 }) {
          series { tier points { bucketStart responses promoters passives detractors nps ciLow ciHigh } } } } }`,
      variables: { env, from: yearAgo.toISOString(), to: to.toISOString() },
      floor: {
        sql: `SELECT date_trunc('month', r.responded_at AT TIME ZONE 'UTC') AS month,
                     CASE WHEN r.user_id IS NULL THEN NULL ELSE width_bucket(a.events, ARRAY[1, 5, 20]) END AS tier,
                     ${COUNTS}
                FROM survey_responses r
                LEFT JOIN LATERAL (
                  SELECT count(*)::int AS events FROM events e
                   WHERE e.environment_id = $1 AND e.user_id = r.user_id AND e.name <> 'Submit Survey'
                     AND e.time >= r.responded_at - interval '720 hours' AND e.time < r.responded_at
                ) a ON r.user_id IS NOT NULL
               WHERE r.environment_id = $1 AND r.is_nps AND r.responded_at >= $2 AND r.responded_at < $3
               GROUP BY 1, 2`,
        params: [env, yearAgo.toISOString(), to.toISOString()],
      },
      check(data, floorRows) {
        const series = (
          data as { environment: { npsTrend: { series: Array<{ points: Counts[] }> } } }
        ).environment.npsTrend.series;
        expectSame(
          'npsTrend engagement',
          sumCounts(series.flatMap((line) => line.points)),
          sumCounts(floorRows),
        );
      },
      capture: (service, principal) =>
        service.trend(principal, env, 'UTC', {
          from: yearAgo,
          to,
          interval: Interval.MONTH,
          timezone: 'UTC',
          engagement: { windowDays: 30 },
        }),
    },
    {
      name: `segmentComparison "${context.eventType}" 30 d`,
      targetMs: null,
      query: `query($env: ID!, $type: String!) { environment(id: $env) {
        segmentComparison(eventType: $type, windowDays: 30) { segment members matchedMembers membersWithEvent share meanCount } } }`,
      variables: { env, type: context.eventType },
      floor: {
        sql: `SELECT CASE WHEN l.score >= 9 THEN 'PROMOTER' WHEN l.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS segment,
                     count(*)::int AS members, count(l.user_id)::int AS matched,
                     count(*) FILTER (WHERE a.events > 0)::int AS "withEvent"
                FROM (${LATEST_FLOOR}) l
                LEFT JOIN LATERAL (
                  SELECT count(*)::int AS events FROM events e
                   WHERE e.environment_id = $1 AND e.user_id = l.user_id AND e.name = $2
                     AND e.time >= l.responded_at - interval '720 hours' AND e.time < l.responded_at
                ) a ON l.user_id IS NOT NULL
               GROUP BY 1`,
        params: [env, context.eventType],
      },
      check(data, floorRows) {
        const rows = (
          data as {
            environment: {
              segmentComparison: Array<{
                segment: string;
                members: number;
                membersWithEvent: number;
              }>;
            };
          }
        ).environment.segmentComparison;
        for (const row of rows) {
          const floor = floorRows.find((candidate) => candidate.segment === row.segment);
          if (
            Number(floor?.members ?? 0) !== row.members ||
            Number(floor?.withEvent ?? 0) !== row.membersWithEvent
          ) {
            throw new Error(
              `segmentComparison ${row.segment}: service ${JSON.stringify(row)}, floor ${JSON.stringify(floor)}`,
            );
          }
        }
      },
      capture: (service, principal) =>
        service.segmentComparison(principal, env, {
          eventType: context.eventType,
          windowDays: 30,
        }),
    },
    ...whyItMovedQueries(context),
  ];
}

/** activityCorrelations over the last year with `windowDays`-day windows, beside its sparse-sum floor. */
function correlationsQuery(
  env: string,
  yearAgo: Date,
  to: Date,
  windowDays: number,
  targetMs: number,
): MeasuredQuery {
  return {
    name: `activityCorrelations ${windowDays} d, last year`,
    targetMs,
    query: `query($env: ID!, $from: DateTime!, $to: DateTime!, $windowDays: Int!) { environment(id: $env) {
    activityCorrelations(from: $from, to: $to, windowDays: $windowDays) {
      eventType observations usersWith usersWithout pearson pValue qValue spearman
      npsWith npsWithout npsDifference npsDifferenceCiLow npsDifferenceCiHigh
      promoterRateWith promoterRateWithout } } }`,
    variables: { env, from: yearAgo.toISOString(), to: to.toISOString(), windowDays },
    floor: {
      // The sparse sums: only (user, type) pairs with x > 0 are materialised.
      sql: `WITH observations AS (
            SELECT DISTINCT ON (user_id) user_id, score, responded_at FROM survey_responses
             WHERE environment_id = $1 AND is_nps AND user_id IS NOT NULL
               AND responded_at >= $2 AND responded_at < $3
             ORDER BY user_id, responded_at DESC, id DESC),
          per_user AS (
            SELECT e.name, o.user_id, o.score, count(*) AS x FROM observations o
              JOIN events e ON e.environment_id = $1 AND e.user_id = o.user_id
               AND e.time >= o.responded_at - make_interval(hours => 24 * $4::int) AND e.time < o.responded_at
               AND e.name <> 'Submit Survey'
             GROUP BY e.name, o.user_id, o.score)
          SELECT name, count(*)::int AS "usersWith", sum(x)::bigint AS sx, sum(x * x)::bigint AS sxx,
                 sum(x * score)::bigint AS sxy,
                 (SELECT count(*) FROM observations)::int AS observations
            FROM per_user GROUP BY name`,
      params: [env, yearAgo.toISOString(), to.toISOString(), windowDays],
    },
    check(data, floorRows) {
      const rows = (
        data as {
          environment: {
            activityCorrelations: Array<{
              eventType: string;
              observations: number;
              usersWith: number;
            }>;
          };
        }
      ).environment.activityCorrelations;
      for (const row of rows) {
        const floor = floorRows.find((candidate) => candidate.name === row.eventType);
        if (
          !floor ||
          Number(floor.usersWith) !== row.usersWith ||
          Number(floor.observations) !== row.observations
        ) {
          throw new Error(
            `activityCorrelations ${row.eventType}: service ${JSON.stringify(row)}, floor ${JSON.stringify(floor)}`,
          );
        }
      }
      if (rows.length === 0) throw new Error('activityCorrelations: no event type reported');
    },
    capture: (service, principal) =>
      service.correlations(principal, env, { from: yearAgo, to, windowDays }),
  };
}
