import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import { startSyncTestApp } from './support/delighted-fixtures';

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const HOUR_MS = 3_600_000;

type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/** Edge cases of docs/nps-method.md, each with its figures worked out by hand in the comments. */
describe('NPS analytics edge cases over GraphQL (hand-computed)', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startSyncTestApp();
  });
  afterAll(() => test.close());

  async function environment(): Promise<{ env: string; keys: Keys }> {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    return { env: environmentId, keys };
  }
  const importResponses = (env: string, keys: Keys, rows: object[]) =>
    test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted updated } }',
      { env, json: JSON.stringify(rows) },
    );
  const read = async <T>(env: string, keys: Keys, fields: string): Promise<T> =>
    (
      await test.ok<{ environment: T }>(
        keys.ANALYST,
        `query($env: ID!) { environment(id: $env) { ${fields} } }`,
        { env },
      )
    ).environment;

  it('answers an environment without responses with zeros and nulls, not errors', async () => {
    const { env, keys } = await environment();
    const figures = await read<Record<string, unknown>>(
      env,
      keys,
      `npsSummary(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { responses nps averageScore ciLow ciHigh marginOfError }
       npsTrend(from: "2026-01-01T00:00:00Z", to: "2026-01-03T00:00:00Z", interval: DAY, timezone: "UTC") { points { responses nps ciLow } }
       segmentSummary { segment count share }
       segmentMembers(segment: PROMOTER) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } }
       segmentComparison(eventType: "Create Report") { segment members membersWithEvent share meanCount }
       activityCorrelations { eventType }`,
    );
    expect(figures).toEqual({
      npsSummary: {
        responses: 0,
        nps: null,
        averageScore: null,
        ciLow: null,
        ciHigh: null,
        marginOfError: null,
      },
      npsTrend: {
        points: [
          { responses: 0, nps: null, ciLow: null },
          { responses: 0, nps: null, ciLow: null },
        ],
      },
      segmentSummary: [
        { segment: 'PROMOTER', count: 0, share: null },
        { segment: 'PASSIVE', count: 0, share: null },
        { segment: 'DETRACTOR', count: 0, share: null },
      ],
      segmentMembers: {
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
      segmentComparison: ['PROMOTER', 'PASSIVE', 'DETRACTOR'].map((segment) => ({
        segment,
        members: 0,
        membersWithEvent: 0,
        share: null,
        meanCount: null,
      })),
      activityCorrelations: [],
    });
  });

  it('gives all passives an NPS of 0 with a real interval, and one response its wide one', async () => {
    const passives = await environment();
    await importResponses(
      passives.env,
      passives.keys,
      [7, 8, 7].map((score, index) => ({
        id: `a${index}`,
        person: { id: `a${index}` },
        score,
        created_at: at('2026-01-10T10:00:00Z') + index,
      })),
    );
    const single = await environment();
    await importResponses(single.env, single.keys, [
      { id: 'one', person: { id: 'one' }, score: 10, created_at: at('2026-01-10T10:00:00Z') },
    ]);
    const summary = `npsSummary(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { responses nps averageScore ciLow ciHigh marginOfError }`;
    // n 3, P 0, D 0: p = d = 0.75/6 = 0.125; se = 100·√((2·0.125·0.875 + 2·0.125²)/6) = 100·√(0.25/6)
    // = 20.41241; margin 1.96·se = 40.00833; average 22/3.
    const allPassive = (
      await read<{ npsSummary: Record<string, number> }>(passives.env, passives.keys, summary)
    ).npsSummary;
    expect(allPassive.responses).toBe(3);
    expect(allPassive.nps).toBe(0);
    expect(allPassive.averageScore).toBeCloseTo(22 / 3, 9);
    expect(allPassive.marginOfError).toBeCloseTo(40.00833, 4);
    expect(allPassive.ciLow).toBeCloseTo(-40.00833, 4);
    expect(allPassive.ciHigh).toBeCloseTo(40.00833, 4);
    // n 1, P 1: p = 1.75/4 = 0.4375, d = 0.75/4 = 0.1875; centre 25;
    // se = 100·√((0.24609375 + 0.15234375 + 0.1640625)/4) = 100·√0.140625 = 37.5; margin 73.5.
    const one = (
      await read<{ npsSummary: Record<string, number> }>(single.env, single.keys, summary)
    ).npsSummary;
    expect(one).toEqual({
      responses: 1,
      nps: 100,
      averageScore: 10,
      ciLow: expect.closeTo(-48.5, 9),
      ciHigh: expect.closeTo(98.5, 9),
      marginOfError: expect.closeTo(73.5, 9),
    });
  });

  it('cuts ISO weeks at local midnight across both Berlin DST changes (167- and 169-hour weeks)', async () => {
    const { env, keys } = await environment();
    const responses: Array<[string, number]> = [
      ['2026-03-22T22:30:00Z', 9], // Sun 22 Mar 23:30 CET: week of 16 Mar
      ['2026-03-22T23:30:00Z', 10], // Mon 23 Mar 00:30 CET: week of 23 Mar
      ['2026-03-29T21:30:00Z', 0], // Sun 29 Mar 23:30 CEST: still the week of 23 Mar
      ['2026-03-29T22:30:00Z', 8], // Mon 30 Mar 00:30 CEST: week of 30 Mar
      ['2026-10-25T22:30:00Z', 3], // Sun 25 Oct 23:30 CET: week of 19 Oct
      ['2026-10-25T23:30:00Z', 10], // Mon 26 Oct 00:30 CET: week of 26 Oct
    ];
    await importResponses(
      env,
      keys,
      responses.map(([iso, score], index) => ({
        id: `w${index}`,
        person: { id: `w${index}` },
        score,
        created_at: at(iso),
      })),
    );
    type Points = {
      npsTrend: {
        points: Array<{
          bucketStart: string;
          bucketEnd: string;
          responses: number;
          nps: number | null;
        }>;
      };
    };
    const weeks = async (from: string, to: string, dedupe: string) =>
      (
        await read<Points>(
          env,
          keys,
          `npsTrend(from: "${from}", to: "${to}", interval: WEEK, timezone: "Europe/Berlin", dedupe: ${dedupe}) { points { bucketStart bucketEnd responses nps } }`,
        )
      ).npsTrend.points.map((point) => ({
        start: point.bucketStart,
        hours: (Date.parse(point.bucketEnd) - Date.parse(point.bucketStart)) / HOUR_MS,
        responses: point.responses,
        nps: point.nps,
      }));
    const spring = [
      { start: '2026-03-15T23:00:00.000Z', hours: 168, responses: 1, nps: 100 },
      { start: '2026-03-22T23:00:00.000Z', hours: 167, responses: 2, nps: 0 },
      { start: '2026-03-29T22:00:00.000Z', hours: 168, responses: 1, nps: 0 },
    ];
    const autumn = [
      { start: '2026-10-18T22:00:00.000Z', hours: 169, responses: 1, nps: -100 },
      { start: '2026-10-25T23:00:00.000Z', hours: 168, responses: 1, nps: 100 },
    ];
    // Whole local days: the 15-minute rollup answers ALL_RESPONSES, the rows LATEST_PER_PERSON
    // (every response is its own person here, so both must agree).
    for (const dedupe of ['ALL_RESPONSES', 'LATEST_PER_PERSON']) {
      expect(await weeks('2026-03-15T23:00:00Z', '2026-04-05T22:00:00Z', dedupe)).toEqual(spring);
      expect(await weeks('2026-10-18T22:00:00Z', '2026-11-01T23:00:00Z', dedupe)).toEqual(autumn);
    }
  });

  it("counts a person's latest response with its current score, after updates and newer answers", async () => {
    const { env, keys } = await environment();
    const first = { id: 'r1', person: { id: 'q1' }, created_at: at('2026-02-01T10:00:00Z') };
    await importResponses(env, keys, [
      { ...first, score: 3, updated_at: null },
      { id: 'r0', person: { id: 'q0' }, score: 8, created_at: at('2026-02-02T10:00:00Z') },
    ]);
    const figures = () =>
      read<{
        all: { responses: number; promoters: number; detractors: number };
        latest: { responses: number; promoters: number; detractors: number };
        segmentSummary: Array<{ count: number }>;
        segmentMembers: {
          edges: Array<{ node: { personId: string; score: number; respondedAt: string } }>;
        };
      }>(
        env,
        keys,
        `all: npsSummary(from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { responses promoters detractors }
         latest: npsSummary(from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z", dedupe: LATEST_PER_PERSON) { responses promoters detractors }
         segmentSummary { count }
         segmentMembers(segment: PROMOTER) { edges { node { personId score respondedAt } } }`,
      );
    // r1 updated to 9: counted as a promoter at its original time.
    await importResponses(env, keys, [
      { ...first, score: 9, updated_at: at('2026-03-01T00:00:00Z') },
    ]);
    let now = await figures();
    expect(now.all).toEqual({ responses: 2, promoters: 1, detractors: 0 });
    expect(now.segmentSummary.map((row) => row.count)).toEqual([1, 1, 0]);
    expect(now.segmentMembers.edges.map((edge) => edge.node)).toEqual([
      { personId: 'q1', score: 9, respondedAt: '2026-02-01T10:00:00.000Z' },
    ]);
    // q1 answers again (6): everything that counts people now sees a detractor.
    await importResponses(env, keys, [
      { id: 'r2', person: { id: 'q1' }, score: 6, created_at: at('2026-03-05T10:00:00Z') },
    ]);
    now = await figures();
    expect(now.all).toEqual({ responses: 3, promoters: 1, detractors: 1 });
    expect(now.latest).toEqual({ responses: 2, promoters: 0, detractors: 1 });
    expect(now.segmentSummary.map((row) => row.count)).toEqual([0, 1, 1]);
    // An older version of r2 arriving late changes nothing; a newer one (10) does.
    await importResponses(env, keys, [
      {
        id: 'r2',
        person: { id: 'q1' },
        score: 0,
        created_at: at('2026-03-05T10:00:00Z'),
        updated_at: at('2026-03-04T00:00:00Z'),
      },
    ]);
    await importResponses(env, keys, [
      {
        id: 'r2',
        person: { id: 'q1' },
        score: 10,
        created_at: at('2026-03-05T10:00:00Z'),
        updated_at: at('2026-03-06T00:00:00Z'),
      },
    ]);
    now = await figures();
    expect(now.latest).toEqual({ responses: 2, promoters: 1, detractors: 0 });
    expect(now.segmentSummary.map((row) => row.count)).toEqual([1, 1, 0]);
    expect(now.segmentMembers.edges.map((edge) => edge.node.score)).toEqual([10]);
  });

  it('brings a response into user-based figures once its user arrives', async () => {
    const { env, keys } = await environment();
    const ingest = (path: string, body: object) =>
      test.http
        .post(path)
        .set('authorization', `Bearer ${keys.INGEST}`)
        .send({ app_id: env, ...body })
        .expect(200);
    // bob is known from the start and did nothing; alice's two events come before her user has an email.
    await ingest('/api/add_user_properties', {
      users: [{ identity: 'bob', properties: { email: 'bob@x.com', plan: 'pro' } }],
    });
    await ingest('/api/track', {
      events: ['2026-02-08T12:00:00Z', '2026-02-09T12:00:00Z'].map((timestamp) => ({
        identity: 'alice',
        event: 'Create Report',
        timestamp,
      })),
    });
    await importResponses(env, keys, [
      {
        id: 'ra',
        person: { id: 'pa', email: ' Alice@X.com' },
        score: 10,
        created_at: at('2026-02-10T10:00:00Z'),
      },
      {
        id: 'rb',
        person: { id: 'pb', email: 'bob@x.com' },
        score: 5,
        created_at: at('2026-02-11T10:00:00Z'),
      },
    ]);
    const figures = () =>
      read<{
        pro: { responses: number };
        activityCorrelations: Array<{
          eventType: string;
          observations: number;
          usersWith: number;
          npsWith: number;
          npsWithout: number;
        }>;
        npsTrend: { series: Array<{ tier: string; points: Array<{ responses: number }> }> };
        segmentMembers: { edges: Array<{ node: { user: { identity: string } | null } }> };
      }>(
        env,
        keys,
        `pro: npsSummary(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", filter: { conditions: [{ property: "plan", equals: "pro" }] }) { responses }
         activityCorrelations(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", minUsers: 1) { eventType observations usersWith npsWith npsWithout }
         npsTrend(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: MONTH, timezone: "UTC", engagement: { windowDays: 30 }) { series { tier points { responses } } }
         segmentMembers(segment: PROMOTER) { edges { node { user { identity } } } }`,
      );
    const tiers = (series: Array<{ tier: string; points: Array<{ responses: number }> }>) =>
      Object.fromEntries(series.map((line) => [line.tier, line.points[0].responses]));
    let now = await figures();
    // Before: only bob is matched; with one observation and nobody doing anything, nothing to report.
    expect(now.pro.responses).toBe(1);
    expect(now.activityCorrelations).toEqual([]);
    expect(tiers(now.npsTrend.series)).toEqual({
      '0': 1,
      '1–4': 0,
      '5–19': 0,
      '20+': 0,
      unknown: 1,
    });
    expect(now.segmentMembers.edges.map((edge) => edge.node.user)).toEqual([null]);
    // alice's email arrives: her response (and her two earlier events) join in.
    await ingest('/api/add_user_properties', {
      users: [{ identity: 'alice', properties: { email: 'alice@x.com', plan: 'pro' } }],
    });
    now = await figures();
    expect(now.pro.responses).toBe(2);
    expect(now.activityCorrelations).toEqual([
      { eventType: 'Create Report', observations: 2, usersWith: 1, npsWith: 100, npsWithout: -100 },
    ]);
    expect(tiers(now.npsTrend.series)).toEqual({
      '0': 1,
      '1–4': 1,
      '5–19': 0,
      '20+': 0,
      unknown: 0,
    });
    expect(now.segmentMembers.edges.map((edge) => edge.node.user)).toEqual([{ identity: 'alice' }]);
  });
});
