import { TestApp, createEnvironmentWithKeys, emailMatchedEnvironment } from './support/test-app';
import { startSyncTestApp } from './support/delighted-fixtures';

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const Z = 1.96;

/** Adjusted-Wald figures written out independently of src/analytics (docs/nps-method.md). */
function wald(P: number, A: number, D: number) {
  const n = P + A + D;
  const p = (P + 0.75) / (n + 3);
  const d = (D + 0.75) / (n + 3);
  const se = 100 * Math.sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / (n + 3));
  const centre = 100 * (p - d);
  return {
    nps: (100 * (P - D)) / n,
    centre,
    se,
    ciLow: Math.max(-100, centre - Z * se),
    ciHigh: Math.min(100, centre + Z * se),
  };
}

describe('NPS analytics over GraphQL (hand-computed fixture)', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

  beforeAll(async () => {
    test = await startSyncTestApp();
    let ingest: Awaited<ReturnType<typeof emailMatchedEnvironment>>['ingest'];
    ({ environmentId, keys, ingest } = await emailMatchedEnvironment(test));
    await ingest('/api/add_user_properties', {
      users: [
        { identity: 'A', properties: { email: 'alice@x.com', plan: 'pro' } },
        { identity: 'B', properties: { email: 'bob@x.com', plan: 'pro' } },
        { identity: 'C', properties: { email: 'carol@x.com', plan: 'free' } },
        { identity: 'E', properties: { email: 'eve@x.com', plan: 'free' } },
        { identity: 'F', properties: { email: 'frank@x.com', plan: 'free' } },
      ],
    });
    await ingest('/api/track', {
      events: [
        ...['2026-01-01', '2026-01-02', '2026-01-04'].map((day) => ({
          identity: 'A',
          event: 'Create Report',
          timestamp: `${day}T12:00:00Z`,
        })),
        ...[1, 2, 3, 5, 7, 10].map((day) => ({
          identity: 'B',
          event: 'Create Report',
          timestamp: `2026-01-${String(day).padStart(2, '0')}T08:00:00Z`,
        })),
      ],
    });
    const response = (
      id: string,
      person: string,
      email: string | null,
      score: number,
      iso: string,
      extra: object = {},
    ) => ({
      id,
      person: { id: person, email, phone_number: email ? null : '+15550000' },
      survey_type: 'nps',
      score,
      comment: null,
      permalink: `https://delighted.example/r/${id}`,
      created_at: at(iso),
      updated_at: null,
      ...extra,
    });
    const responses = [
      response('1', 'p1', 'Alice@X.com ', 10, '2026-01-05T10:00:00Z'),
      response('2', 'p1', 'Alice@X.com ', 6, '2026-02-10T10:00:00Z'),
      response('3', 'p2', 'bob@x.com', 9, '2026-01-12T10:00:00Z'),
      response('4', 'p3', 'carol@x.com', 7, '2026-01-20T10:00:00Z'),
      response('5', 'p4', 'dave@x.com', 3, '2026-02-03T10:00:00Z', { comment: 'Far too slow' }),
      response('6', 'p5', null, 8, '2026-02-15T10:00:00Z'),
      response('7', 'p6', 'eve@x.com', 2, '2026-02-20T10:00:00Z', { survey_type: 'csat' }),
      response('8', 'p7', 'frank@x.com', 0, '2026-03-01T10:00:00Z'),
      response('9', 'p8', 'grace@x.com', 10, '2025-12-15T10:00:00Z'),
    ];
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      {
        env: environmentId,
        json: JSON.stringify(responses),
      },
    );
  });
  afterAll(() => test.close());

  const query = async <T>(body: string, variables: Record<string, unknown> = {}) =>
    (
      await test.ok<{ environment: T }>(
        keys.ANALYST,
        `query($env: ID!) { environment(id: $env) { ${body} } }`,
        { env: environmentId, ...variables },
      )
    ).environment;
  const FIGURES =
    'responses promoters passives detractors nps averageScore ciLow ciHigh marginOfError';
  const RANGE = 'from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z"';

  it('summarises every NPS response in [from, to), ignoring other survey types', async () => {
    const { npsSummary } = await query<{ npsSummary: Record<string, number> }>(
      `npsSummary(${RANGE}) { ${FIGURES} }`,
    );
    // Scores 10, 6, 9, 7, 3, 8: P = 2, A = 2, D = 2.
    const expected = wald(2, 2, 2);
    expect(npsSummary).toMatchObject({
      responses: 6,
      promoters: 2,
      passives: 2,
      detractors: 2,
      nps: 0,
    });
    expect(npsSummary.averageScore).toBeCloseTo(43 / 6, 9);
    expect(npsSummary.ciLow).toBeCloseTo(expected.ciLow, 6);
    expect(npsSummary.ciHigh).toBeCloseTo(expected.ciHigh, 6);
    expect(npsSummary.marginOfError).toBeCloseTo(Z * expected.se, 6);
  });

  it('counts responses in the sub-slot edges of a range that is not on 15-minute marks', async () => {
    const { npsSummary } = await query<{ npsSummary: Record<string, number> }>(
      `npsSummary(from: "2026-01-05T09:50:00Z", to: "2026-02-10T10:05:00Z") { responses promoters passives detractors nps }`,
    );
    // 10 (Jan 5 10:00), 9, 7, 3 and 6 (Feb 10 10:00, inside the last 5-minute edge).
    expect(npsSummary).toEqual({ responses: 5, promoters: 2, passives: 1, detractors: 2, nps: 0 });
    const { npsSummary: before } = await query<{ npsSummary: Record<string, number> }>(
      `npsSummary(from: "2026-01-05T09:50:00Z", to: "2026-02-10T09:59:59Z") { responses }`,
    );
    expect(before.responses).toBe(4);
  });

  it("counts each person's latest response only with LATEST_PER_PERSON", async () => {
    const { npsSummary } = await query<{ npsSummary: Record<string, number> }>(
      `npsSummary(${RANGE}, dedupe: LATEST_PER_PERSON) { ${FIGURES} }`,
    );
    // p1's latest is 6: scores 6, 9, 7, 3, 8 → P 1, A 2, D 2 → −20.
    expect(npsSummary).toMatchObject({
      responses: 5,
      promoters: 1,
      passives: 2,
      detractors: 2,
      nps: -20,
    });
  });

  it('filters by user properties (only matched responses can pass)', async () => {
    const { npsSummary } = await query<{ npsSummary: Record<string, number> }>(
      `npsSummary(${RANGE}, filter: { conditions: [{ property: "plan", equals: "pro" }] }) { ${FIGURES} }`,
    );
    // alice 10 and 6, bob 9: P 2, D 1 → 33.33.
    expect(npsSummary.responses).toBe(3);
    expect(npsSummary.nps).toBeCloseTo(100 / 3, 9);
  });

  it('compares with the previous period of equal length', async () => {
    const { npsSummary } = await query<{
      npsSummary: {
        previous: Record<string, string | number>;
        change: Record<string, number | boolean>;
      };
    }>(
      `npsSummary(${RANGE}, compareToPrevious: true) { previous { from to responses nps } change { difference ciLow ciHigh significant } }`,
    );
    // 59 days before 2026-01-01 is 2025-11-03; grace's 10 is the only response there.
    expect(npsSummary.previous).toEqual({
      from: '2025-11-03T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
      responses: 1,
      nps: 100,
    });
    const current = wald(2, 2, 2);
    const previous = wald(1, 0, 0);
    const margin = Z * Math.sqrt(current.se ** 2 + previous.se ** 2);
    expect(npsSummary.change.difference).toBe(-100);
    expect(npsSummary.change.ciLow).toBeCloseTo(current.centre - previous.centre - margin, 6);
    expect(npsSummary.change.ciHigh).toBeCloseTo(current.centre - previous.centre + margin, 6);
    expect(npsSummary.change.significant).toBe(false);
  });

  it('trends by calendar month with empty figures as null', async () => {
    const { npsTrend } = await query<{ npsTrend: { points: Array<Record<string, unknown>> } }>(
      `npsTrend(from: "2025-12-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: MONTH, timezone: "UTC") { points { bucketStart bucketEnd responses nps tier } }`,
    );
    expect(npsTrend.points).toEqual([
      {
        bucketStart: '2025-12-01T00:00:00.000Z',
        bucketEnd: '2026-01-01T00:00:00.000Z',
        responses: 1,
        nps: 100,
        tier: null,
      },
      {
        bucketStart: '2026-01-01T00:00:00.000Z',
        bucketEnd: '2026-02-01T00:00:00.000Z',
        responses: 3,
        nps: expect.closeTo(200 / 3, 9),
        tier: null,
      },
      {
        bucketStart: '2026-02-01T00:00:00.000Z',
        bucketEnd: '2026-03-01T00:00:00.000Z',
        responses: 3,
        nps: expect.closeTo(-200 / 3, 9),
        tier: null,
      },
    ]);
    const empty = await query<{ npsTrend: { points: Array<Record<string, unknown>> } }>(
      `npsTrend(from: "2025-06-01T00:00:00Z", to: "2025-07-01T00:00:00Z", interval: MONTH) { points { responses nps ciLow averageScore } }`,
    );
    expect(empty.npsTrend.points).toEqual([
      { responses: 0, nps: null, ciLow: null, averageScore: null },
    ]);
  });

  it('cuts buckets in the requested time zone', async () => {
    const { npsTrend } = await query<{
      npsTrend: { points: Array<{ bucketStart: string; responses: number }> };
    }>(
      `npsTrend(from: "2026-01-05T00:00:00Z", to: "2026-01-06T00:00:00Z", interval: DAY, timezone: "Pacific/Kiritimati") { points { bucketStart responses } }`,
    );
    // UTC+14: 2026-01-05T10:00Z is 2026-01-06 00:00 local, the second local day of the range.
    expect(npsTrend.points).toEqual([
      { bucketStart: '2026-01-04T10:00:00.000Z', responses: 0 },
      { bucketStart: '2026-01-05T10:00:00.000Z', responses: 1 },
    ]);
  });

  it('uses rolling windows clipped at the start of the range', async () => {
    const { npsTrend } = await query<{
      npsTrend: { points: Array<{ responses: number; nps: number | null }> };
    }>(
      `npsTrend(${RANGE}, interval: MONTH, timezone: "UTC", rollingDays: 45) { points { responses nps } }`,
    );
    // Jan: [Dec 17 → clipped to Jan 1, Feb 1) = 10, 9, 7. Feb: [Jan 14, Mar 1) = 7 (Jan 20), 6, 3, 8.
    expect(npsTrend.points).toEqual([
      { responses: 3, nps: expect.closeTo(200 / 3, 9) },
      { responses: 4, nps: -50 },
    ]);
  });

  it('splits the trend by engagement tier, excluding Submit Survey, with unmatched as unknown', async () => {
    const { npsTrend } = await query<{
      npsTrend: { series: Array<{ tier: string; points: Array<{ responses: number }> }> };
    }>(
      `npsTrend(${RANGE}, interval: MONTH, timezone: "UTC", engagement: { windowDays: 30 }) { series { tier points { responses } } }`,
    );
    // Jan: carol 0 events → "0"; alice 3 → "1–4"; bob 6 → "5–19". Feb: alice (Jan 11–Feb 10: none) → "0";
    // dave and the SMS respondent are unmatched → "unknown".
    expect(
      npsTrend.series.map((line) => [line.tier, line.points.map((point) => point.responses)]),
    ).toEqual([
      ['0', [1, 1]],
      ['1–4', [1, 0]],
      ['5–19', [1, 0]],
      ['20+', [0, 0]],
      ['unknown', [0, 2]],
    ]);
  });

  it('makes automatic tiers from the quartiles of the range, with a tier table over the whole range', async () => {
    type Tier = { tier: string; minEvents: number | null; maxEvents: number | null } & Record<
      string,
      number | null
    >;
    const automatic = (dedupe: string) =>
      query<{
        npsTrend: {
          thresholds: number[];
          series: Array<{ tier: string; points: Array<{ responses: number }> }>;
          tiers: Tier[];
        };
      }>(
        `npsTrend(${RANGE}, interval: MONTH, timezone: "UTC", dedupe: ${dedupe}, engagement: { automatic: true }) {
           thresholds series { tier points { responses } } tiers { tier minEvents maxEvents ${FIGURES} } }`,
      );
    const figures = (P: number, A: number, D: number, scores: number[]) => {
      const w = wald(P, A, D);
      return {
        responses: P + A + D,
        promoters: P,
        passives: A,
        detractors: D,
        nps: expect.closeTo(w.nps, 9),
        averageScore: expect.closeTo(scores.reduce((a, b) => a + b, 0) / scores.length, 9),
        ciLow: expect.closeTo(w.ciLow, 9),
        ciHigh: expect.closeTo(w.ciHigh, 9),
        marginOfError: expect.closeTo(Z * w.se, 9),
      };
    };
    // Matched responses in the range and their events in the 30 days before: alice Jan 5 → 3,
    // bob Jan 12 → 6, carol Jan 20 → 0, alice Feb 10 → 0. Sorted 0 0 3 6 (n = 4), nearest ranks
    // 1, 2, 3 → Q = 0, 0, 3 → thresholds 1, 1, 4 → [1, 4]: tiers 0, 1–3, 4+.
    const all = (await automatic('ALL_RESPONSES')).npsTrend;
    expect(all.thresholds).toEqual([1, 4]);
    expect(all.series.map((line) => [line.tier, line.points.map((p) => p.responses)])).toEqual([
      ['0', [1, 1]],
      ['1–3', [1, 0]],
      ['4+', [1, 0]],
      ['unknown', [0, 2]],
    ]);
    // Whole range: 0 = carol 7, alice 6; 1–3 = alice 10; 4+ = bob 9; unknown = dave 3, SMS 8.
    expect(all.tiers).toEqual([
      { tier: '0', minEvents: 0, maxEvents: 0, ...figures(0, 1, 1, [7, 6]) },
      { tier: '1–3', minEvents: 1, maxEvents: 3, ...figures(1, 0, 0, [10]) },
      { tier: '4+', minEvents: 4, maxEvents: null, ...figures(1, 0, 0, [9]) },
      { tier: 'unknown', minEvents: null, maxEvents: null, ...figures(0, 1, 1, [3, 8]) },
    ]);
    // One response per person over the range: alice Feb 10 → 0, bob → 6, carol → 0. Sorted
    // 0 0 6 (n = 3): ranks 1, 2, 3 → Q = 0, 0, 6 → 1, 7; 7 > 6 is dropped → [1]: tiers 0, 1+.
    // Per month each person's latest in it: Jan alice (3) and bob in 1+, carol in 0; so the
    // table (1+ holds bob only) is not the sum of the months.
    const latest = (await automatic('LATEST_PER_PERSON')).npsTrend;
    expect(latest.thresholds).toEqual([1]);
    expect(latest.series.map((line) => [line.tier, line.points.map((p) => p.responses)])).toEqual([
      ['0', [1, 1]],
      ['1+', [2, 0]],
      ['unknown', [0, 2]],
    ]);
    expect(latest.tiers).toEqual([
      { tier: '0', minEvents: 0, maxEvents: 0, ...figures(0, 1, 1, [6, 7]) },
      { tier: '1+', minEvents: 1, maxEvents: null, ...figures(1, 0, 0, [9]) },
      { tier: 'unknown', minEvents: null, maxEvents: null, ...figures(0, 1, 1, [3, 8]) },
    ]);
    // Custom thresholds still work and answer themselves; both at once are refused.
    const custom = await query<{ npsTrend: { thresholds: number[]; tiers: Tier[] } }>(
      `npsTrend(${RANGE}, interval: MONTH, timezone: "UTC", engagement: { thresholds: [2] }) { thresholds tiers { tier responses } }`,
    );
    expect(custom.npsTrend).toEqual({
      thresholds: [2],
      tiers: [
        { tier: '0–1', responses: 2 },
        { tier: '2+', responses: 2 },
        { tier: 'unknown', responses: 2 },
      ],
    });
    const both = await test.graphql(
      keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { npsTrend(${RANGE}, interval: MONTH, engagement: { automatic: true, thresholds: [1] }) { timezone } } }`,
      { env: environmentId },
    );
    expect(both.errors?.[0]).toMatchObject({
      message: 'engagement: give thresholds or automatic: true, not both.',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'engagement' },
    });
  });

  it('counts segments as of a time, optionally only recent responses', async () => {
    const summary = (args: string) =>
      query<{ segmentSummary: Array<{ segment: string; count: number; share: number }> }>(
        `segmentSummary(${args}) { segment count share }`,
      );
    // Latest per person as of Mar 2: p1 6, p2 9, p3 7, p4 3, p5 8, p7 0, p8 10 → P 2, A 2, D 3.
    expect((await summary('asOf: "2026-03-02T00:00:00Z"')).segmentSummary).toEqual([
      { segment: 'PROMOTER', count: 2, share: 2 / 7 },
      { segment: 'PASSIVE', count: 2, share: 2 / 7 },
      { segment: 'DETRACTOR', count: 3, share: 3 / 7 },
    ]);
    expect(
      (await summary('asOf: "2026-03-02T00:00:00Z", maxAgeDays: 60')).segmentSummary.map(
        (row) => row.count,
      ),
    ).toEqual([1, 2, 3]);
    expect(
      (await summary('asOf: "2026-01-31T00:00:00Z"')).segmentSummary.map((row) => row.count),
    ).toEqual([3, 1, 0]);
  });

  it('lists segment members newest first with a stable cursor', async () => {
    type Page = {
      segmentMembers: {
        totalCount: number;
        edges: Array<{
          node: { score: number; personId: string; user: { identity: string } | null };
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const page = (after: string | null) =>
      query<Page>(
        `segmentMembers(segment: DETRACTOR, asOf: "2026-03-02T00:00:00Z", first: 2, after: $after) { totalCount edges { node { score personId user { identity } } } pageInfo { hasNextPage endCursor } }`.replace(
          '$after',
          after ? `"${after}"` : 'null',
        ),
      );
    const first = await page(null);
    expect(first.segmentMembers.totalCount).toBe(3);
    expect(first.segmentMembers.edges.map((edge) => edge.node)).toEqual([
      { score: 0, personId: 'p7', user: { identity: 'F' } },
      { score: 6, personId: 'p1', user: { identity: 'A' } },
    ]);
    const second = await page(first.segmentMembers.pageInfo.endCursor);
    expect(second.segmentMembers.edges.map((edge) => edge.node)).toEqual([
      { score: 3, personId: 'p4', user: null },
    ]);
    expect(second.segmentMembers.pageInfo.hasNextPage).toBe(false);
  });

  it('searches segment members by email, comment and person, case-insensitively and literally', async () => {
    const found = async (args: string) => {
      const { segmentMembers } = await query<{
        segmentMembers: { totalCount: number; edges: Array<{ node: { personId: string } }> };
      }>(`segmentMembers(segment: DETRACTOR, ${args}) { totalCount edges { node { personId } } }`);
      return [segmentMembers.totalCount, segmentMembers.edges.map((edge) => edge.node.personId)];
    };
    // As of Mar 2 (scanned) and as of now (respondent_latest): p7 frank 0, p1 alice 6, p4 dave 3.
    for (const asOf of ['asOf: "2026-03-02T00:00:00Z", ', '']) {
      expect(await found(`${asOf}search: "SLOW"`)).toEqual([1, ['p4']]);
      expect(await found(`${asOf}search: "alice@"`)).toEqual([1, ['p1']]);
      expect(await found(`${asOf}search: "p7"`)).toEqual([1, ['p7']]);
      expect(await found(`${asOf}search: "x.com", first: 1`)).toEqual([3, ['p7']]);
      expect(await found(`${asOf}search: "%"`)).toEqual([0, []]);
      expect(await found(`${asOf}search: "  "`)).toEqual([3, ['p7', 'p1', 'p4']]);
    }
  });

  it('compares how each segment used an activity before responding', async () => {
    const { segmentComparison } = await query<{
      segmentComparison: Array<Record<string, unknown>>;
    }>(
      `segmentComparison(eventType: "Create Report", windowDays: 30, asOf: "2026-03-02T00:00:00Z") { segment members matchedMembers membersWithEvent share meanCount }`,
    );
    expect(segmentComparison).toEqual([
      {
        segment: 'PROMOTER',
        members: 2,
        matchedMembers: 1,
        membersWithEvent: 1,
        share: 1,
        meanCount: 6,
      },
      {
        segment: 'PASSIVE',
        members: 2,
        matchedMembers: 1,
        membersWithEvent: 0,
        share: 0,
        meanCount: 0,
      },
      {
        segment: 'DETRACTOR',
        members: 3,
        matchedMembers: 2,
        membersWithEvent: 0,
        share: 0,
        meanCount: 0,
      },
    ]);
  });

  it('correlates activities with scores over matched respondents', async () => {
    const { activityCorrelations } = await query<{
      activityCorrelations: Array<Record<string, number | string>>;
    }>(
      `activityCorrelations(${RANGE}, windowDays: 30, minUsers: 1) { eventType observations usersWith usersWithout pearson spearman npsWith npsWithout promoterRateWith promoterRateWithout }`,
    );
    // Observations: alice 6 (x 0), bob 9 (x 6), carol 7 (x 0). r = 10/√(24·14/3) = 10/√112; ρ = 1.5/√3.
    expect(activityCorrelations).toEqual([
      {
        eventType: 'Create Report',
        observations: 3,
        usersWith: 1,
        usersWithout: 2,
        pearson: expect.closeTo(10 / Math.sqrt(112), 9),
        spearman: expect.closeTo(1.5 / Math.sqrt(3), 9),
        npsWith: 100,
        npsWithout: -50,
        promoterRateWith: 1,
        promoterRateWithout: 0,
      },
    ]);
  });

  it('gives the same answers over windows the 30-day activity table does not hold', async () => {
    // No fixture event lies between 29 and 31 days before a response, so 29- and 31-day windows
    // (counted from events) must agree with the 30-day ones (read from response_activity_30d, and
    // for a range past the newest response, observations from user_latest_nps).
    const figures = (days: number) =>
      query<Record<string, unknown>>(
        `correlations: activityCorrelations(${RANGE}, windowDays: ${days}, minUsers: 1) { eventType observations usersWith pearson npsWith }
         toNow: activityCorrelations(from: "2026-01-01T00:00:00Z", to: "2026-03-02T00:00:00Z", windowDays: ${days}, minUsers: 1) { eventType observations usersWith pearson npsWith }
         comparison: segmentComparison(eventType: "Create Report", windowDays: ${days}, asOf: "2026-03-02T00:00:00Z") { segment members membersWithEvent meanCount }
         trend: npsTrend(${RANGE}, interval: MONTH, timezone: "UTC", engagement: { windowDays: ${days} }) { series { tier points { responses } } }`,
      );
    const reference = await figures(30);
    expect((reference.toNow as Array<{ observations: number }>)[0].observations).toBe(4);
    expect(await figures(29)).toEqual(reference);
    expect(await figures(31)).toEqual(reference);
  });

  it('reads whole days from the daily rollups and the edges from rows, alike', async () => {
    // Unfiltered 30-day correlations up to now read latest_*_1d for whole UTC days and rows for
    // the edges; a filter every user passes reads rows only. Bob (x = 6, score 9) answered on
    // 2026-01-12 at 10:00, Frank (x = 0, score 0) on 2026-03-01 at 10:00.
    const FIELDS =
      'eventType observations usersWith usersWithout pearson spearman npsWith npsWithout';
    const EVERYONE = '{ conditions: [{ property: "email", exists: true }] }';
    // Bob, Carol (7), Alice (6) and Frank: x = [6, 0, 0, 0], y = [9, 7, 6, 0]: r = 21/√(27·45);
    // ranks x [4, 2, 2, 2], y [4, 3, 2, 1]: ρ = 3/√(3·5). Without Bob, or with him alone, no type
    // has users both with and without it.
    const fourObservations = [
      {
        eventType: 'Create Report',
        observations: 4,
        usersWith: 1,
        usersWithout: 3,
        pearson: expect.closeTo(21 / Math.sqrt(27 * 45), 9),
        spearman: expect.closeTo(3 / Math.sqrt(15), 9),
        npsWith: 100,
        npsWithout: expect.closeTo(-200 / 3, 9),
      },
    ];
    const ranges = [
      ['2026-01-11T12:00:00Z', '2026-03-01T11:00:00Z', fourObservations], // Bob in whole days
      ['2026-01-12T09:00:00Z', '2026-03-01T11:00:00Z', fourObservations], // Bob in the first edge
      ['2026-01-12T10:00:01Z', '2026-03-01T10:00:00Z', []], // both just outside
      ['2026-01-12T09:00:00Z', '2026-01-12T11:00:00Z', []], // no whole day, Bob alone
    ] as const;
    for (const [from, to, expected] of ranges) {
      const range = `from: "${from}", to: "${to}", minUsers: 1`;
      const answer = await query<Record<string, unknown>>(
        `fromDays: activityCorrelations(${range}) { ${FIELDS} }
         fromRows: activityCorrelations(${range}, filter: ${EVERYONE}) { ${FIELDS} }`,
      );
      expect(answer.fromDays).toEqual(expected);
      expect(answer.fromRows).toEqual(expected);
    }
  });

  it('lists responses of every type newest first, by segment and by text', async () => {
    type Responses = {
      surveyResponses: {
        totalCount: number;
        edges: Array<{ node: { responseId: string; isNps: boolean } }>;
      };
    };
    const all = await query<Responses>(
      `surveyResponses(${RANGE}) { totalCount edges { node { responseId isNps } } }`,
    );
    expect(all.surveyResponses.edges.map((edge) => edge.node.responseId)).toEqual([
      '7',
      '6',
      '2',
      '5',
      '4',
      '3',
      '1',
    ]);
    expect(all.surveyResponses.edges[0].node.isNps).toBe(false);
    const detractors = await query<Responses>(
      `surveyResponses(${RANGE}, segment: DETRACTOR) { totalCount edges { node { responseId } } }`,
    );
    expect(detractors.surveyResponses.edges.map((edge) => edge.node.responseId)).toEqual([
      '2',
      '5',
    ]);
    const search = await query<Responses>(
      `surveyResponses(search: "SLOW") { totalCount edges { node { responseId } } }`,
    );
    expect(search.surveyResponses.edges.map((edge) => edge.node.responseId)).toEqual(['5']);
  });

  it.each([
    [
      'an unknown time zone',
      'npsTrend(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", interval: DAY, timezone: "Mars/Base") { timezone }',
      'timezone',
    ],
    [
      'from after to',
      'npsTrend(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: DAY) { timezone }',
      'from',
    ],
    [
      'more than 2,000 buckets',
      'npsTrend(from: "2010-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: DAY) { timezone }',
      'interval',
    ],
    [
      'a year before 1000',
      'npsSummary(from: "0500-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { nps }',
      'from',
    ],
    ['windowDays out of range', 'activityCorrelations(windowDays: 0) { eventType }', 'windowDays'],
    [
      'bad thresholds',
      'npsTrend(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", interval: DAY, engagement: { thresholds: [5, 1] }) { timezone }',
      'engagement',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the argument', async (_case, body, argument) => {
    const result = await test.graphql(
      keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { ${body} } }`,
      { env: environmentId },
    );
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: argument,
    });
    // One plain sentence (or more), each said once.
    const message = result.errors![0].message;
    expect(message).toMatch(/[.)]$/);
    expect(message).not.toMatch(/(shorter range).*\1/);
  });

  it('keeps analytics from INGEST keys and other environments', async () => {
    const other = await createEnvironmentWithKeys(test);
    const forbidden = [keys.INGEST, other.keys.ADMIN];
    for (const key of forbidden) {
      const result = await test.graphql(
        key,
        'query($env: ID!) { environment(id: $env) { npsSummary { nps } } }',
        { env: environmentId },
      );
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
