import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import { startSyncTestApp } from './support/delighted-fixtures';
import { withTestDatabase } from './support/test-database';

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/*
 * One small product, every figure worked out by hand (docs/nps-method.md):
 *   users  alice (plan pro, company acme, arr 1000)   bob (pro, acme, arr "2500")
 *          carol (free, globex, arr 500)   dan (free, globex)   erin (free, initech, arr "n/a")
 *   previous period [02-19, 03-01): alice 10, bob 9 (pro); carol 3, dan 8 (free)
 *   current period  [03-01, 03-11): alice 6 (pro); carol 9, dan 10, erin 10 (free); zed 0 (no user)
 *   later: alice 7 on 03-12.
 */
const RESPONSES = [
  ['r1', 'pa', 'alice@x.com', 10, '2026-02-20T10:00:00Z'],
  ['r2', 'pb', 'bob@x.com', 9, '2026-02-21T10:00:00Z'],
  ['r3', 'pc', 'carol@x.com', 3, '2026-02-22T10:00:00Z'],
  ['r4', 'pd', 'dan@x.com', 8, '2026-02-23T10:00:00Z'],
  ['r5', 'pa', 'alice@x.com', 6, '2026-03-02T10:00:00Z'],
  ['r6', 'pc', 'carol@x.com', 9, '2026-03-03T10:00:00Z'],
  ['r7', 'pd', 'dan@x.com', 10, '2026-03-04T10:00:00Z'],
  ['r8', 'pe', 'erin@x.com', 10, '2026-03-05T10:00:00Z'],
  ['r9', 'pz', 'zed@x.com', 0, '2026-03-06T10:00:00Z'],
  ['r10', 'pa', 'alice@x.com', 7, '2026-03-12T10:00:00Z'],
] as const;

const USERS = [
  ['alice', { plan: 'pro', company: 'acme', arr: 1000 }],
  ['bob', { plan: 'pro', company: 'acme', arr: '2500' }],
  ['carol', { plan: 'free', company: 'globex', arr: 500 }],
  ['dan', { plan: 'free', company: 'globex' }],
  ['erin', { plan: 'free', company: 'initech', arr: 'n/a' }],
] as const;

/** A GraphQL answer read loosely: the assertions say what each value must be. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, checked field by field below
type Loose = any;

const CURRENT = 'from: "2026-03-01T00:00:00Z", to: "2026-03-11T00:00:00Z"';

describe('Why NPS moved, score distributions, transitions and accounts over GraphQL (hand-computed)', () => {
  let test: TestApp;
  let env: string;
  let keys: Keys;
  beforeAll(async () => {
    test = await startSyncTestApp();
    ({ environmentId: env, keys } = await createEnvironmentWithKeys(test));
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env },
    );
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: env,
        users: USERS.map(([identity, properties]) => ({
          identity,
          properties: { ...properties, email: `${identity}@x.com` },
        })),
      })
      .expect(200);
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      {
        env,
        json: JSON.stringify(
          RESPONSES.map(([id, person, email, score, time]) => ({
            id,
            person: { id: person, email },
            score,
            created_at: at(time),
          })),
        ),
      },
    );
  });
  afterAll(() => test.close());

  const read = async <T>(fields: string, key = keys.ANALYST): Promise<T> =>
    (
      await test.ok<{ environment: T }>(
        key,
        `query($env: ID!) { environment(id: $env) { ${fields} } }`,
        { env },
      )
    ).environment;
  const refusal = async (fields: string) => {
    const result = await test.graphql(
      keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { ${fields} } }`,
      {
        env,
      },
    );
    const error = result.errors?.[0];
    return {
      code: error?.extensions?.code,
      argumentName: error?.extensions?.argumentName,
      message: error?.message,
    };
  };

  const CHANGE_FIELDS = `change rateEffect mixEffect promoterShareChange detractorShareChange
    current { from to responses nps change { difference } } previous { from to responses nps }
    segments { key previousResponses currentResponses previousShare currentShare previousNps currentNps
               change { difference ciLow ciHigh } rateContribution mixContribution }`;

  it('splits the change by a property: mix and rate of opposite signs, a segment empty before', async () => {
    // Previous (default: the 10 days before 03-01): pro 10, 9 (NPS 100), free 3, 8 (−50); 2P 1D of 4 → 25.
    // Current: pro 6 (−100), free 9, 10, 10 (100), (none) 0 (−100); 3P 2D of 5 → 20. Change −5.
    // Shares: pro .5 → .2, free .5 → .6, (none) 0 → .2 (takes −100 as its previous rate).
    // pro:  rate ½(.7)(−200) = −70, mix ½(0)(−.3) = 0.
    // free: rate ½(1.1)(150) = 82.5, mix ½(50)(.1) = 2.5.
    // none: rate 0, mix ½(−200)(.2) = −20.  Rate 12.5, mix −17.5; 12.5 − 17.5 = −5.
    // Promoters 50 % → 60 % (+10), detractors 25 % → 40 % (+15): 10 − 15 = −5.
    const { npsChange } = await read<{ npsChange: Record<string, Loose> }>(
      `npsChange(${CURRENT}, by: { property: "plan" }) { ${CHANGE_FIELDS} }`,
    );
    expect(npsChange.change).toBeCloseTo(-5, 9);
    expect(npsChange.rateEffect).toBeCloseTo(12.5, 9);
    expect(npsChange.mixEffect).toBeCloseTo(-17.5, 9);
    expect(npsChange.promoterShareChange).toBeCloseTo(10, 9);
    expect(npsChange.detractorShareChange).toBeCloseTo(15, 9);
    expect(npsChange.previous).toEqual({
      from: '2026-02-19T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
      responses: 4,
      nps: 25,
    });
    expect(npsChange.current).toMatchObject({ responses: 5, nps: 20, change: { difference: -5 } });
    // By |rate + mix|: free 85, pro 70, (none) 20.
    expect(npsChange.segments.map((s: { key: string }) => s.key)).toEqual([
      'free',
      'pro',
      '(none)',
    ]);
    const [free, pro, none] = npsChange.segments;
    expect(free).toMatchObject({
      previousResponses: 2,
      currentResponses: 3,
      previousNps: -50,
      currentNps: 100,
    });
    expect(free.rateContribution).toBeCloseTo(82.5, 9);
    expect(free.mixContribution).toBeCloseTo(2.5, 9);
    expect(free.change.difference).toBeCloseTo(150, 9);
    expect(pro.rateContribution).toBeCloseTo(-70, 9);
    expect(pro.currentShare).toBeCloseTo(0.2, 12);
    expect(none).toMatchObject({
      previousShare: 0,
      previousNps: null,
      currentNps: -100,
      change: { difference: null },
    });
    expect(none.mixContribution).toBeCloseTo(-20, 9);
    expect(none.rateContribution).toBe(0);
  });

  it('answers alike from the breakdown property rollup (whole days and edges) and from rows', async () => {
    const ranges = [
      CURRENT,
      'from: "2026-03-01T12:00:00Z", to: "2026-03-11T09:00:00Z"',
      'from: "2026-03-02T10:00:00Z", to: "2026-03-05T10:00:00Z", previousFrom: "2026-02-20T10:00:00Z"',
      'from: "2026-03-02T11:00:00Z", to: "2026-03-02T12:00:00Z"',
    ];
    const ask = (fields: string) =>
      read<Record<string, Loose>>(
        ranges
          .map(
            (range, index) =>
              `r${index}: npsChange(${range}, by: { property: "plan" }) { ${fields} }`,
          )
          .join('\n'),
      );
    const fromRows = await ask(CHANGE_FIELDS);
    const chosen = await test.ok<{ setBreakdownProperties: { breakdownProperties: string[] } }>(
      keys.ARCHITECT,
      'mutation($env: ID!) { setBreakdownProperties(environmentId: $env, properties: [" plan "]) { breakdownProperties } }',
      { env },
    );
    expect(chosen.setBreakdownProperties.breakdownProperties).toEqual(['plan']);
    const rollupRows = await withTestDatabase((client) =>
      client.query(
        'SELECT count(*)::int AS n FROM property_nps_1d WHERE environment_id = $1 AND property = $2',
        [env, 'plan'],
      ),
    );
    expect(rollupRows.rows[0].n).toBeGreaterThan(0);
    const fromRollup = await ask(CHANGE_FIELDS);
    expect(fromRollup).toEqual(fromRows);
    expect(fromRollup.r0).toMatchObject({ current: { responses: 5, nps: 20 } });
    expect(fromRollup.r0.rateEffect).toBeCloseTo(12.5, 9);
    expect(fromRollup.r0.mixEffect).toBeCloseTo(-17.5, 9);
  });

  it('splits the change by engagement tiers, unmatched responses as unknown', async () => {
    // Nobody did anything but answer (Submit Survey does not count): every matched response is in tier "0".
    // Previous: "0" 4 (NPS 25). Current: "0" alice 6, carol 9, dan 10, erin 10 (3P 1D → 50), unknown zed 0 (−100).
    // Shares "0" 1 → .8, unknown 0 → .2. "0": rate ½(1.8)(25) = 22.5, mix ½(75)(−.2) = −7.5;
    // unknown: mix ½(−200)(.2) = −20. Rate 22.5, mix −27.5, change −5.
    const { npsChange } = await read<{ npsChange: Record<string, Loose> }>(
      `npsChange(${CURRENT}, previousFrom: "2026-02-19T00:00:00Z", by: { engagement: {} }) { ${CHANGE_FIELDS} }`,
    );
    expect(npsChange.rateEffect).toBeCloseTo(22.5, 9);
    expect(npsChange.mixEffect).toBeCloseTo(-27.5, 9);
    expect(npsChange.segments.map((s: { key: string }) => s.key)).toEqual(['unknown', '0']);
  });

  it('counts the same with LATEST_PER_PERSON when every respondent answered once per period', async () => {
    const both = await read<Record<string, { change: number; rateEffect: number }>>(
      `all: npsChange(${CURRENT}, by: { property: "plan" }) { change rateEffect }
       latest: npsChange(${CURRENT}, by: { property: "plan" }, dedupe: LATEST_PER_PERSON) { change rateEffect }`,
    );
    expect(both.latest).toEqual(both.all);
  });

  it('shows the score distribution with ties in the median, from the rollup and from rows alike', async () => {
    // Current: 0, 6, 9, 10, 10 → median 9, mean 35/5 = 7.
    // 02-19 … 03-11: 3, 8, 9, 10, 6, 9, 10, 10, 0 → sorted 0 3 6 8 9 9 10 10 10: median (5th) 9, mean 65/9.
    // Latest per person there: alice 6, bob 9, carol 9, dan 10, erin 10, zed 0 → 0 6 9 9 10 10: (9 + 9)/2 = 9.
    // Previous: 3, 8, 9, 10 → (8 + 9)/2 = 8.5.
    const figures = await read<Record<string, Loose>>(
      `current: scoreDistribution(${CURRENT}) { responses counts shares mean median }
       whole: scoreDistribution(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z") { responses counts mean median }
       unaligned: scoreDistribution(from: "2026-02-19T00:00:00.001Z", to: "2026-03-10T23:59:59Z") { counts }
       latest: scoreDistribution(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z", dedupe: LATEST_PER_PERSON) { responses mean median }
       previous: scoreDistribution(from: "2026-02-19T00:00:00Z", to: "2026-03-01T00:00:00Z") { median }
       filtered: scoreDistribution(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z", filter: { conditions: [{ property: "plan", exists: true }] }) { responses median }
       empty: scoreDistribution(from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z") { responses mean median shares }`,
    );
    expect(figures.current).toEqual({
      responses: 5,
      counts: [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2],
      shares: [0.2, 0, 0, 0, 0, 0, 0.2, 0, 0, 0.2, 0.4],
      mean: 7,
      median: 9,
    });
    expect(figures.whole).toMatchObject({
      responses: 9,
      counts: [1, 0, 0, 1, 0, 0, 1, 0, 1, 2, 3],
      median: 9,
    });
    expect(figures.whole.mean).toBeCloseTo(65 / 9, 12);
    expect(figures.unaligned.counts).toEqual(figures.whole.counts);
    expect(figures.latest).toMatchObject({ responses: 6, median: 9 });
    expect(figures.latest.mean).toBeCloseTo(44 / 6, 12);
    expect(figures.previous.median).toBe(8.5);
    // zed has no user: a filter keeps the 8 matched responses, 3 6 8 9 9 10 10 10 → (9 + 9)/2.
    expect(figures.filtered).toEqual({ responses: 8, median: 9 });
    expect(figures.empty).toEqual({
      responses: 0,
      mean: null,
      median: null,
      shares: Array(11).fill(0),
    });
  });

  it('counts segment transitions of consecutive responses and lists who moved', async () => {
    // To 03-13: alice 10 → 6 → 7 (P→D, D→A), carol 3 → 9 (D→P), dan 8 → 10 (A→P); bob, erin, zed once.
    // 3 respondents, 4 pairs. Rows: P: P→D 1/1; A: A→P 1/1; D: D→A 1/2, D→P 1/2.
    const { segmentTransitions } = await read<{ segmentTransitions: Record<string, Loose> }>(
      `segmentTransitions(from: "2026-02-19T00:00:00Z", to: "2026-03-13T00:00:00Z") {
         respondents pairs cells { from to count share }
         pairsOf(from: PROMOTER, to: DETRACTOR) { personId email previousScore previousAt score respondedAt user { identity } }
       }`,
    );
    expect(segmentTransitions.respondents).toBe(3);
    expect(segmentTransitions.pairs).toBe(4);
    const cell = (from: string, to: string) =>
      segmentTransitions.cells.find(
        (c: { from: string; to: string }) => c.from === from && c.to === to,
      );
    expect(segmentTransitions.cells).toHaveLength(9);
    expect(cell('PROMOTER', 'DETRACTOR')).toEqual({
      from: 'PROMOTER',
      to: 'DETRACTOR',
      count: 1,
      share: 1,
    });
    expect(cell('PROMOTER', 'PROMOTER')).toMatchObject({ count: 0, share: 0 });
    expect(cell('PASSIVE', 'PROMOTER')).toMatchObject({ count: 1, share: 1 });
    expect(cell('DETRACTOR', 'PASSIVE')).toMatchObject({ count: 1, share: 0.5 });
    expect(cell('DETRACTOR', 'PROMOTER')).toMatchObject({ count: 1, share: 0.5 });
    expect(segmentTransitions.pairsOf).toEqual([
      {
        personId: 'pa',
        email: 'alice@x.com',
        previousScore: 10,
        previousAt: '2026-02-20T10:00:00.000Z',
        score: 6,
        respondedAt: '2026-03-02T10:00:00.000Z',
        user: { identity: 'alice' },
      },
    ]);
    // A filter keeps pro users only: alice's two pairs.
    const pro = await read<{ segmentTransitions: { respondents: number; pairs: number } }>(
      `segmentTransitions(from: "2026-02-19T00:00:00Z", to: "2026-03-13T00:00:00Z",
         filter: { conditions: [{ property: "plan", equals: "pro" }] }) { respondents pairs }`,
    );
    expect(pro.segmentTransitions).toEqual({ respondents: 1, pairs: 2 });
  });

  it('counts the pairs inside a range alike from the pairs table (either way) and from rows', async () => {
    // A filter every matched user passes pairs rows (zed, the one unmatched, answered once).
    const every = 'filter: { conditions: [{ property: "plan", exists: true }] }';
    const ranges = {
      // 03-01 … 03-13: only alice's 6 → 7 (D→A); few responses inside, so the pairs inside.
      inside: 'from: "2026-03-01T00:00:00Z", to: "2026-03-13T00:00:00Z"',
      // 02-22 … 03-13: alice 6 → 7 (her 10 → 6 starts before), carol 3 → 9, dan 8 → 10; the
      // totals less the pairs before (two responses there).
      tails: 'from: "2026-02-22T00:00:00Z", to: "2026-03-13T00:00:00Z"',
      // 02-19 … 03-12: alice's 6 → 7 ends after the range.
      early: 'from: "2026-02-19T00:00:00Z", to: "2026-03-12T00:00:00Z"',
    };
    const fields = 'respondents pairs cells { from to count share }';
    const answer = await read<
      Record<string, { respondents: number; pairs: number; cells: Loose[] }>
    >(
      Object.entries(ranges)
        .map(
          ([name, range]) =>
            `${name}: segmentTransitions(${range}) { ${fields} } ${name}Rows: segmentTransitions(${range}, ${every}) { ${fields} }`,
        )
        .join('\n'),
    );
    for (const name of Object.keys(ranges)) expect(answer[name]).toEqual(answer[`${name}Rows`]);
    const count = (name: string, from: string, to: string) =>
      answer[name].cells.find((c: { from: string; to: string }) => c.from === from && c.to === to)
        .count;
    expect(answer.inside).toMatchObject({ respondents: 1, pairs: 1 });
    expect(count('inside', 'DETRACTOR', 'PASSIVE')).toBe(1);
    expect(answer.tails).toMatchObject({ respondents: 3, pairs: 3 });
    expect(count('tails', 'PROMOTER', 'DETRACTOR')).toBe(0);
    expect(count('tails', 'DETRACTOR', 'PROMOTER')).toBe(1);
    expect(count('tails', 'PASSIVE', 'PROMOTER')).toBe(1);
    expect(answer.early).toMatchObject({ respondents: 3, pairs: 3 });
    expect(count('early', 'PROMOTER', 'DETRACTOR')).toBe(1);
    expect(count('early', 'DETRACTOR', 'PASSIVE')).toBe(0);
  });

  const ACCOUNT_FIELDS = `totalCount pageInfo { hasNextPage endCursor }
    edges { node { account respondents responses promoters passives detractors nps ciLow ciHigh revenue latestResponseAt } }`;
  type Accounts = {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: Record<string, Loose> }>;
  };
  const names = (accounts: Accounts) => accounts.edges.map((edge) => edge.node.account);

  it('lists accounts with response-level NPS, revenue and every order, and sums them up', async () => {
    const set = await test.ok<{ setAccountProperty: Record<string, string> }>(
      keys.ARCHITECT,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "company", revenueProperty: "arr") { accountProperty revenueProperty } }',
      { env },
    );
    expect(set.setAccountProperty).toEqual({ accountProperty: 'company', revenueProperty: 'arr' });
    // Latest per person in 02-19 … 03-11: acme alice 6, bob 9 (P1 D1 → 0; revenue max(1000, "2500") = 2500);
    // globex carol 9, dan 10 (100; 500); initech erin 10 (100; "n/a" is no number → null). zed has no user.
    const figures = await read<Record<string, Accounts>>(
      `npsAsc: accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z") { ${ACCOUNT_FIELDS} }
       revenue: accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z", orderBy: REVENUE_DESC) { ${ACCOUNT_FIELDS} }
       responses: accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z", orderBy: RESPONSES_DESC, dedupe: ALL_RESPONSES) { ${ACCOUNT_FIELDS} }
       atLeastTwo: accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z", minResponses: 2) { ${ACCOUNT_FIELDS} }`,
    );
    expect(names(figures.npsAsc)).toEqual(['acme', 'globex', 'initech']);
    expect(figures.npsAsc.totalCount).toBe(3);
    const acme = figures.npsAsc.edges[0].node;
    // n = 2, p = 1.75/5 = .35, d = .35: centre 0, se = 100·√((.35·.65·2 + 2·.35²)/5) = 100·√(.7/5) ≈ 37.417;
    // ±1.96·se ≈ ±73.337.
    expect(acme).toMatchObject({
      respondents: 2,
      responses: 2,
      promoters: 1,
      passives: 0,
      detractors: 1,
      nps: 0,
      revenue: 2500,
      latestResponseAt: '2026-03-02T10:00:00.000Z',
    });
    expect(acme.ciHigh).toBeCloseTo(1.96 * 100 * Math.sqrt(0.7 / 5), 9);
    expect(names(figures.revenue)).toEqual(['acme', 'globex', 'initech']);
    expect(figures.revenue.edges.map((edge) => edge.node.revenue)).toEqual([2500, 500, null]);
    // Every response: globex carol 3, 9 and dan 8, 10 (4, P2 A1 D1 → 25); acme alice 10, 6 and
    // bob 9 → 3 responses of 2 respondents (P2 D1 → 33.3); initech 1.
    expect(names(figures.responses)).toEqual(['globex', 'acme', 'initech']);
    expect(figures.responses.edges[0].node).toMatchObject({ responses: 4, nps: 25 });
    expect(figures.responses.edges[1].node).toMatchObject({
      responses: 3,
      respondents: 2,
      promoters: 2,
    });
    expect(figures.responses.edges[1].node.nps).toBeCloseTo(100 / 3, 9);
    expect(names(figures.atLeastTwo)).toEqual(['acme', 'globex']);

    const summary = await read<Record<string, Record<string, number>>>(
      `all: accountSummary(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z") { accounts accountsWithDetractor revenueWeightedNps revenueAtRisk }
       current: accountSummary(${CURRENT}) { accounts accountsWithDetractor revenueWeightedNps revenueAtRisk }`,
    );
    // All: (2500·0 + 500·100)/3000 = 16.67 (initech has no revenue); no NPS below 0.
    expect(summary.all).toMatchObject({ accounts: 3, accountsWithDetractor: 1, revenueAtRisk: 0 });
    expect(summary.all.revenueWeightedNps).toBeCloseTo(50000 / 3000, 9);
    // Current: acme only alice 6 (−100), globex 100: (2500·−100 + 500·100)/3000 = −66.67; 2500 at risk.
    expect(summary.current).toMatchObject({
      accounts: 3,
      accountsWithDetractor: 1,
      revenueAtRisk: 2500,
    });
    expect(summary.current.revenueWeightedNps).toBeCloseTo(-200000 / 3000, 9);
  });

  it('pages accounts with stable cursors, and reads respondent_latest and rows alike', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const { accounts }: { accounts: Accounts } = await read<{ accounts: Accounts }>(
        `accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z", orderBy: NPS_DESC, first: 1${
          after ? `, after: "${after}"` : ''
        }) { ${ACCOUNT_FIELDS} }`,
      );
      seen.push(...names(accounts));
      expect(accounts.totalCount).toBe(3);
      after = accounts.pageInfo.endCursor;
      if (!accounts.pageInfo.hasNextPage) break;
    }
    // NPS 100, 100 (by name), then 0.
    expect(seen).toEqual(['globex', 'initech', 'acme']);
    // To 03-13 nothing is newer than the range: respondent_latest answers; a filter every user passes
    // reads rows. alice's latest is now 7: acme P1 A1 → 50.
    const both = await read<Record<string, Accounts>>(
      `table: accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-13T00:00:00Z") { ${ACCOUNT_FIELDS} }
       rows: accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-13T00:00:00Z", filter: { conditions: [{ property: "company", exists: true }] }) { ${ACCOUNT_FIELDS} }`,
    );
    expect(both.table).toEqual(both.rows);
    expect(both.table.edges[0].node).toMatchObject({ account: 'acme', nps: 50, passives: 1 });
  });

  it('reads account_latest_counts less the latest responses before the range, in every order', async () => {
    const every = 'filter: { conditions: [{ property: "company", exists: true }] }';
    // 02-22 … 03-13: bob's latest (02-21) is before the range; acme alice 7 (A1 → 0), globex
    // carol 9, dan 10 (100), initech erin 10 (100).
    const range = 'from: "2026-02-22T00:00:00Z", to: "2026-03-13T00:00:00Z"';
    const orders = ['NPS_ASC', 'NPS_DESC', 'RESPONSES_DESC'];
    const answer: Record<string, Accounts> = {};
    // One order per request (each list costs its page size).
    for (const order of orders) {
      Object.assign(
        answer,
        await read<Record<string, Accounts>>(
          `${order}: accounts(${range}, orderBy: ${order}) { ${ACCOUNT_FIELDS} }
           ${order}Rows: accounts(${range}, orderBy: ${order}, ${every}) { ${ACCOUNT_FIELDS} }`,
        ),
      );
    }
    for (const order of orders) expect(answer[order]).toEqual(answer[`${order}Rows`]);
    expect(names(answer.NPS_ASC)).toEqual(['acme', 'globex', 'initech']);
    expect(answer.NPS_ASC.edges[0].node).toMatchObject({
      respondents: 1,
      responses: 1,
      passives: 1,
      nps: 0,
      revenue: 2500,
      latestResponseAt: '2026-03-12T10:00:00.000Z',
    });
    expect(names(answer.NPS_DESC)).toEqual(['globex', 'initech', 'acme']);
    expect(names(answer.RESPONSES_DESC)).toEqual(['globex', 'acme', 'initech']);
    // Page 2 after page 1's cursor, both ways; and the summary.
    const after = answer.NPS_DESC.pageInfo.endCursor;
    const second = await read<Record<string, Accounts>>(
      `table: accounts(${range}, orderBy: NPS_DESC, first: 1, after: "${after}") { ${ACCOUNT_FIELDS} }
       rows: accounts(${range}, orderBy: NPS_DESC, first: 1, after: "${after}", ${every}) { ${ACCOUNT_FIELDS} }`,
    );
    expect(second.table).toEqual(second.rows);
    expect(second.table.edges).toHaveLength(0);
    const firstPage = await read<Record<string, Accounts>>(
      `table: accounts(${range}, orderBy: NPS_DESC, first: 1) { ${ACCOUNT_FIELDS} }`,
    );
    const next = await read<Record<string, Accounts>>(
      `table: accounts(${range}, orderBy: NPS_DESC, first: 1, after: "${firstPage.table.pageInfo.endCursor}") { ${ACCOUNT_FIELDS} }
       rows: accounts(${range}, orderBy: NPS_DESC, first: 1, after: "${firstPage.table.pageInfo.endCursor}", ${every}) { ${ACCOUNT_FIELDS} }`,
    );
    expect(next.table).toEqual(next.rows);
    expect(names(next.table)).toEqual(['initech']);
    const summary = await read<Record<string, Record<string, number>>>(
      `table: accountSummary(${range}) { accounts accountsWithDetractor revenueWeightedNps revenueAtRisk }
       rows: accountSummary(${range}, ${every}) { accounts accountsWithDetractor revenueWeightedNps revenueAtRisk }`,
    );
    expect(summary.table).toEqual(summary.rows);
    // (2500·0 + 500·100) / 3000.
    expect(summary.table.revenueWeightedNps).toBeCloseTo(50000 / 3000, 9);
  });

  it('follows a changed account property', async () => {
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "plan") { accountProperty revenueProperty } }',
      { env },
    );
    const { accounts } = await read<{ accounts: Accounts }>(
      `accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z") { ${ACCOUNT_FIELDS} }`,
    );
    // pro: alice 6, bob 9 → 0; free: carol 9, dan 10, erin 10 → 100. No revenue property now.
    expect(
      accounts.edges.map((edge) => [edge.node.account, edge.node.nps, edge.node.revenue]),
    ).toEqual([
      ['pro', 0, null],
      ['free', 100, null],
    ]);
    // New users get their account as they are written.
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: env, identity: 'zed', properties: { email: 'zed@x.com', plan: 'trial' } })
      .expect(200);
    const later = await read<{ accounts: Accounts }>(
      `accounts(from: "2026-02-19T00:00:00Z", to: "2026-03-11T00:00:00Z") { ${ACCOUNT_FIELDS} }`,
    );
    expect(names(later.accounts)).toEqual(['trial', 'pro', 'free']);
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "company", revenueProperty: "arr") { id } }',
      { env },
    );
  });

  it('refuses bad arguments naming them, and analysts may not set the account property', async () => {
    const range = CURRENT;
    expect(
      await refusal(`npsChange(${range}, by: { property: "plan", engagement: {} }) { change }`),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'by',
    });
    expect(await refusal(`npsChange(${range}, by: {}) { change }`)).toMatchObject({
      argumentName: 'by',
    });
    const unknown = await refusal(`npsChange(${range}, by: { property: "shoeSize" }) { change }`);
    expect(unknown).toMatchObject({ argumentName: 'by' });
    expect(unknown.message).toContain('shoeSize');
    expect(
      await refusal(
        `npsChange(from: "2026-03-11T00:00:00Z", to: "2026-03-01T00:00:00Z", by: { property: "plan" }) { change }`,
      ),
    ).toMatchObject({ argumentName: 'from' });
    expect(
      await refusal(
        `npsChange(${range}, previousFrom: "2026-02-20T00:00:00Z", previousTo: "2026-02-10T00:00:00Z", by: { property: "plan" }) { change }`,
      ),
    ).toMatchObject({ argumentName: 'previousFrom' });
    expect(
      await refusal(`npsChange(${range}, by: { engagement: { thresholds: [5, 1] } }) { change }`),
    ).toMatchObject({ argumentName: 'by' });
    expect(
      await refusal(
        `scoreDistribution(from: "2026-03-11T00:00:00Z", to: "2026-03-11T00:00:00Z") { median }`,
      ),
    ).toMatchObject({ argumentName: 'from' });
    expect(
      await refusal(
        `segmentTransitions(from: "2026-03-11T00:00:00Z", to: "2026-03-01T00:00:00Z") { pairs }`,
      ),
    ).toMatchObject({ argumentName: 'from' });
    expect(await refusal(`accounts(${range}, minResponses: 0) { totalCount }`)).toMatchObject({
      argumentName: 'minResponses',
    });
    expect(
      await refusal(`accounts(${range}, after: "bm90LWEtY3Vyc29y") { totalCount }`),
    ).toMatchObject({
      argumentName: 'after',
    });
    const { accounts } = await read<{ accounts: Accounts }>(
      `accounts(${range}, first: 1) { ${ACCOUNT_FIELDS} }`,
    );
    // A cursor of another order is refused too.
    expect(
      await refusal(
        `accounts(${range}, orderBy: REVENUE_DESC, after: "${accounts.pageInfo.endCursor}") { totalCount }`,
      ),
    ).toMatchObject({ argumentName: 'after' });
    const blank = await test.graphql(
      keys.ADMIN,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "  ") { id } }',
      { env },
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'property',
    });
    const analyst = await test.graphql(
      keys.ANALYST,
      'mutation($env: ID!) { setAccountProperty(environmentId: $env, property: "company") { id } }',
      { env },
    );
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const breakdown = async (properties: string[], key = keys.ARCHITECT) =>
      (
        await test.graphql(
          key,
          'mutation($env: ID!, $properties: [String!]!) { setBreakdownProperties(environmentId: $env, properties: $properties) { id } }',
          { env, properties },
        )
      ).errors?.[0];
    const tooMany = await breakdown(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(tooMany?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'properties',
    });
    expect(tooMany?.message).toContain('at most 5');
    const twice = await breakdown(['plan', ' plan']);
    expect(twice?.extensions).toMatchObject({ argumentName: 'properties' });
    expect(twice?.message).toContain('"plan" twice');
    expect((await breakdown(['plan', '']))?.extensions).toMatchObject({
      argumentName: 'properties',
    });
    expect((await breakdown(['company'], keys.ANALYST))?.extensions?.code).toBe('FORBIDDEN');
  });
});
