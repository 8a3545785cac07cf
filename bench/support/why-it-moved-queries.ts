/**
 * The benchmark's queries that explain the number: why NPS moved (by engagement and by a property, two
 * 90-day periods), the score distribution and segment transitions over the two years, the first
 * accounts page and the account summary. Each beside its straightforward single statement.
 */
import type { MeasuredQuery, QueryContext } from './measured-query';

const DAY_MS = 24 * 60 * 60 * 1000;

function fail(what: string, service: unknown, floor: unknown): never {
  throw new Error(
    `${what}: the service answered ${JSON.stringify(service)}, the SQL floor ${JSON.stringify(floor)}`,
  );
}

/** npsChange over [to − 90 d, to) against the 90 days before, broken down `by`. */
function npsChange(
  name: string,
  context: QueryContext,
  by: object,
  floorSegment: string,
): MeasuredQuery {
  const env = context.environmentId;
  const to = context.to;
  const from = new Date(to.getTime() - 90 * DAY_MS);
  const previousFrom = new Date(from.getTime() - 90 * DAY_MS);
  return {
    name,
    targetMs: 150,
    query: `query($env: ID!, $from: DateTime!, $to: DateTime!, $by: BreakdownInput!) { environment(id: $env) {
      npsChange(from: $from, to: $to, by: $by) { change rateEffect mixEffect promoterShareChange detractorShareChange
        current { responses nps } previous { responses nps }
        segments { key previousShare currentShare previousNps currentNps change { difference ciLow ciHigh } rateContribution mixContribution } } } }`,
    variables: { env, from: from.toISOString(), to: to.toISOString(), by },
    floor: {
      sql: `SELECT r.responded_at >= $3 AS current, ${floorSegment} AS segment, count(*)::int AS responses,
                   count(*) FILTER (WHERE r.score >= 9)::int AS promoters, count(*) FILTER (WHERE r.score <= 6)::int AS detractors
              FROM survey_responses r LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
             WHERE r.environment_id = $1 AND r.is_nps AND r.responded_at >= $2 AND r.responded_at < $4
             GROUP BY 1, 2`,
      params: [env, previousFrom.toISOString(), from.toISOString(), to.toISOString()],
    },
    check(data, floorRows) {
      const answer = (
        data as {
          environment: {
            npsChange: {
              change: number;
              rateEffect: number;
              mixEffect: number;
              current: { responses: number };
              previous: { responses: number };
            };
          };
        }
      ).environment.npsChange;
      const total = (current: boolean) =>
        floorRows
          .filter((row) => row.current === current)
          .reduce((n, row) => n + Number(row.responses), 0);
      if (answer.current.responses !== total(true) || answer.previous.responses !== total(false)) {
        fail(
          name,
          [answer.current.responses, answer.previous.responses],
          [total(true), total(false)],
        );
      }
      if (Math.abs(answer.rateEffect + answer.mixEffect - answer.change) > 1e-9) {
        fail(`${name}: rate + mix`, answer.rateEffect + answer.mixEffect, answer.change);
      }
    },
    capture: async () => null,
  };
}

export function whyItMovedQueries(context: QueryContext): MeasuredQuery[] {
  const env = context.environmentId;
  const { from, to } = context;
  const range = { env, from: from.toISOString(), to: to.toISOString() };
  return [
    npsChange(
      'npsChange by engagement, 2 × 90 days',
      context,
      { engagement: {} },
      // Only the totals are compared: the tiers need each response's events (no floor of its own).
      `NULL::text`,
    ),
    npsChange(
      'npsChange by breakdown property plan, 2 × 90 days',
      context,
      { property: 'plan' },
      `coalesce(u.properties ->> 'plan', '(none)')`,
    ),
    {
      name: 'scoreDistribution, 2 years',
      targetMs: 150,
      query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
        scoreDistribution(from: $from, to: $to) { responses counts shares mean median } } }`,
      variables: range,
      floor: {
        sql: `SELECT score, count(*)::int AS responses FROM survey_responses
               WHERE environment_id = $1 AND is_nps AND responded_at >= $2 AND responded_at < $3 GROUP BY score`,
        params: [env, range.from, range.to],
      },
      check(data, floorRows) {
        const counts = (data as { environment: { scoreDistribution: { counts: number[] } } })
          .environment.scoreDistribution.counts;
        const floor = Array<number>(11).fill(0);
        for (const row of floorRows) floor[Number(row.score)] = Number(row.responses);
        if (JSON.stringify(counts) !== JSON.stringify(floor))
          fail('scoreDistribution', counts, floor);
      },
      capture: async () => null,
    },
    {
      name: 'segmentTransitions, 2 years',
      targetMs: 150,
      query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
        segmentTransitions(from: $from, to: $to) { respondents pairs cells { from to count share } } } }`,
      variables: range,
      floor: {
        sql: `SELECT count(*)::int AS pairs FROM (
                SELECT lag(score) OVER (PARTITION BY coalesce(person_id, 'response:' || response_id) ORDER BY responded_at, id) AS before
                  FROM survey_responses WHERE environment_id = $1 AND is_nps AND responded_at >= $2 AND responded_at < $3) p
               WHERE before IS NOT NULL`,
        params: [env, range.from, range.to],
      },
      check(data, floorRows) {
        const pairs = (data as { environment: { segmentTransitions: { pairs: number } } })
          .environment.segmentTransitions.pairs;
        if (pairs !== Number(floorRows[0].pairs))
          fail('segmentTransitions pairs', pairs, floorRows[0].pairs);
      },
      capture: async () => null,
    },
    {
      name: 'accounts page 1 (NPS_ASC), 2 years',
      targetMs: 50,
      query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
        accounts(from: $from, to: $to, first: 50) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { account respondents responses promoters passives detractors nps ciLow ciHigh revenue latestResponseAt } } } } }`,
      variables: range,
      floor: {
        sql: `SELECT count(DISTINCT u.account)::int AS accounts FROM (
                SELECT DISTINCT ON (coalesce(person_id, 'response:' || response_id)) user_id FROM survey_responses
                 WHERE environment_id = $1 AND is_nps AND responded_at >= $2 AND responded_at < $3
                 ORDER BY coalesce(person_id, 'response:' || response_id), responded_at DESC, id DESC) l
                JOIN users u ON u.environment_id = $1 AND u.id = l.user_id WHERE u.account IS NOT NULL`,
        params: [env, range.from, range.to],
      },
      check(data, floorRows) {
        const total = (data as { environment: { accounts: { totalCount: number } } }).environment
          .accounts.totalCount;
        if (total !== Number(floorRows[0].accounts))
          fail('accounts totalCount', total, floorRows[0].accounts);
      },
      capture: async () => null,
    },
    {
      name: 'accountSummary, 2 years',
      targetMs: 150,
      query: `query($env: ID!, $from: DateTime!, $to: DateTime!) { environment(id: $env) {
        accountSummary(from: $from, to: $to) { accounts accountsWithDetractor revenueWeightedNps revenueAtRisk } } }`,
      variables: range,
      floor: {
        sql: `SELECT count(DISTINCT u.account)::int AS accounts FROM survey_responses r
                JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
               WHERE r.environment_id = $1 AND r.is_nps AND r.responded_at >= $2 AND r.responded_at < $3 AND u.account IS NOT NULL`,
        params: [env, range.from, range.to],
      },
      check(data, floorRows) {
        const accounts = (data as { environment: { accountSummary: { accounts: number } } })
          .environment.accountSummary.accounts;
        if (accounts !== Number(floorRows[0].accounts))
          fail('accountSummary accounts', accounts, floorRows[0].accounts);
      },
      capture: async () => null,
    },
  ];
}
