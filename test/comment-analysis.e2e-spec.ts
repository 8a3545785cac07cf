import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STARTER_THEMES } from '../src/text/starter-themes';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';
import { withTestDatabase } from './support/test-database';

type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

const csvLine = (id: string, score: number, comment: string, email = `${id}@example.com`) =>
  `${id},${email},${score},"${comment.replace(/"/g, '""')}",2026-03-0${1 + (Number(id.slice(1)) % 9)}T12:00:00Z`;

/** The fixtures of the issue: one comment of each kind, with its score. */
const FIXTURES: Array<[string, number, string]> = [
  ['c1', 2, 'The prices are way too high and the app is terrible'],
  ['c2', 3, 'Pricing is confusing, I hate it'],
  ['c3', 10, 'I love it, great support team!'],
  ['c4', 9, 'Café-level service: the SUPPORT was wonderful 😀'],
  ['c5', 6, 'so slow🐢🐢'],
  ['c6', 8, 'slow ' + 'and steady '.repeat(2000) + 'but fine'],
  ['c7', 5, ''],
  ['c8', 4, '?!… ***'],
  ['c9', 7, 'ViRtUaL CuStOmEr\nSeRvIcE is ok'],
  ['c10', 10, 'Works'],
];

describe('comment analysis: sentiment, themes and search', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Keys;

  const importCsv = async (lines: string[]) =>
    test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $csv: String) { importSurveyResponses(environmentId: $env, csv: $csv) { inserted } }',
      {
        env: environmentId,
        csv: ['Response ID,Email,Score,Comment,Created At', ...lines].join('\n'),
      },
    );
  const responses = async (args: Record<string, unknown> = {}) => {
    const data = await test.ok<{
      environment: {
        surveyResponses: {
          totalCount: number;
          edges: Array<{
            cursor: string;
            node: {
              responseId: string;
              sentiment: { score: number; label: string } | null;
              themeIds: string[];
              searchRank: number | null;
            };
          }>;
        };
      };
    }>(
      keys.ANALYST,
      `query($env: ID!, $search: String, $sentiment: SentimentLabel, $theme: ID, $first: Int, $after: String) {
         environment(id: $env) { surveyResponses(search: $search, sentiment: $sentiment, theme: $theme, first: $first, after: $after) {
           totalCount edges { cursor node { responseId sentiment { score label } themeIds searchRank } } } } }`,
      { env: environmentId, ...args },
    );
    return data.environment.surveyResponses;
  };
  const themes = async () =>
    (
      await test.ok<{
        environment: { themes: Array<{ id: string; name: string; patterns: string[] }> };
      }>(
        keys.ANALYST,
        'query($env: ID!) { environment(id: $env) { themes { id name patterns } } }',
        { env: environmentId },
      )
    ).environment.themes;
  const setThemes = (key: string, input: unknown) =>
    test.graphql<{ setThemes: Array<{ id: string; name: string }> }>(
      key,
      'mutation($env: ID!, $themes: [ThemeInput!]!) { setThemes(environmentId: $env, themes: $themes) { id name } }',
      { env: environmentId, themes: input },
    );
  const byId = async () =>
    new Map(
      (await responses({ first: 100 })).edges.map((edge) => [edge.node.responseId, edge.node]),
    );

  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(() => test.close());
  beforeEach(async () => {
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
  });

  it('starts a new environment with the documented starter dictionary', async () => {
    expect((await themes()).map((theme) => theme.name)).toEqual(STARTER_THEMES.map((t) => t.name));
  });

  it('scores and matches every fixture as it is imported', async () => {
    await setThemes(keys.ARCHITECT, [
      { name: 'Pricing', patterns: ['price'] },
      { name: 'Speed', patterns: ['slow'] },
      { name: 'Support', patterns: ['support', 'customer service', 'cafe'] },
    ]).then((result) => expect(result.errors).toBeUndefined());
    const ids = new Map((await themes()).map((theme) => [theme.name, theme.id]));
    await importCsv(FIXTURES.map(([id, score, comment]) => csvLine(id, score, comment)));
    const stored = await byId();
    const themesOf = (id: string) =>
      stored.get(id)!.themeIds.map((themeId) => [...ids].find(([, v]) => v === themeId)![0]);
    expect(themesOf('c1')).toEqual(['Pricing']);
    expect(themesOf('c2')).toEqual(['Pricing']);
    expect(themesOf('c3')).toEqual(['Support']);
    expect(themesOf('c4')).toEqual(['Support']);
    expect(themesOf('c5')).toEqual(['Speed']);
    expect(themesOf('c6')).toEqual(['Speed']);
    expect(themesOf('c7')).toEqual([]);
    expect(themesOf('c8')).toEqual([]);
    expect(themesOf('c9')).toEqual(['Support']);
    expect(stored.get('c1')!.sentiment!.label).toBe('NEGATIVE');
    expect(stored.get('c2')!.sentiment!.label).toBe('NEGATIVE');
    expect(stored.get('c3')!.sentiment!.label).toBe('POSITIVE');
    expect(stored.get('c4')!.sentiment!.label).toBe('POSITIVE');
    expect(stored.get('c7')!.sentiment).toBeNull();
    expect(stored.get('c8')!.sentiment).toBeNull();
    const negative = await responses({ sentiment: 'NEGATIVE' });
    expect(negative.edges.map((edge) => edge.node.responseId).sort()).toEqual(['c1', 'c2']);
    const pricing = await responses({ theme: ids.get('Pricing') });
    expect(pricing.totalCount).toBe(2);
    // A changed comment is analysed again by the write path.
    await importCsv([csvLine('c10', 10, 'Great price, love it')]);
    expect((await byId()).get('c10')!.themeIds).toEqual([ids.get('Pricing')]);
  });

  it('computes themeImpact as worked out by hand', async () => {
    await setThemes(keys.ARCHITECT, [
      { name: 'Speed', patterns: ['slow'] },
      { name: 'Praise', patterns: ['love'] },
    ]);
    // 10 promoters, 4 passives, 6 detractors; "slow" in 1 promoter's and 4 detractors' comments,
    // "love" in 3 promoters' comments; 12 comments in all (10 with a theme, 2 without).
    const lines: string[] = [];
    const add = (score: number, comment: string) =>
      lines.push(csvLine(`r${lines.length + 1}`, score, comment));
    add(9, 'slow but fine');
    for (let i = 0; i < 3; i++) add(10, 'I love it');
    for (let i = 0; i < 6; i++) add(9, '');
    for (let i = 0; i < 4; i++) add(8, i < 2 ? 'meh' : '');
    for (let i = 0; i < 4; i++) add(2, 'so slow');
    for (let i = 0; i < 2; i++) add(5, '');
    await importCsv(lines);
    const data = await test.ok<{
      environment: {
        themeImpact: Array<{
          theme: { name: string };
          mentions: number;
          shareOfComments: number;
          npsWith: number;
          npsWithout: number;
          impact: number;
          difference: { difference: number; ciLow: number; ciHigh: number };
        }>;
      };
    }>(
      keys.ANALYST,
      `query($env: ID!) { environment(id: $env) { themeImpact(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") {
         theme { name } mentions shareOfComments npsWith npsWithout impact difference { difference ciLow ciHigh } } } }`,
      { env: environmentId },
    );
    const [speed, praise] = data.environment.themeImpact;
    // See src/analytics/math/theme-impact.spec.ts for the same counts worked out by hand:
    // NPS(all) = 20, with "slow" −60, without 46.667, impact −26.667, interval [−142.615, −10.163].
    expect(speed.theme.name).toBe('Speed');
    expect(speed.mentions).toBe(5);
    expect(speed.shareOfComments).toBeCloseTo(5 / 10, 10);
    expect(speed.npsWith).toBeCloseTo(-60, 8);
    expect(speed.npsWithout).toBeCloseTo(46.6666667, 6);
    expect(speed.impact).toBeCloseTo(-26.6666667, 6);
    expect(speed.difference.ciLow).toBeCloseTo(-142.615, 2);
    expect(speed.difference.ciHigh).toBeCloseTo(-10.163, 2);
    // "love": 3 promoters; without them 7, 4, 6 (n = 17): NPS 100·1/17 = 5.882; impact 14.118.
    expect(praise.theme.name).toBe('Praise');
    expect(praise.npsWith).toBeCloseTo(100, 8);
    expect(praise.impact).toBeCloseTo(20 - 100 / 17, 6);
    // Every response here is its own respondent, so LATEST_PER_PERSON (read from rows) must give
    // what ALL_RESPONSES reads from the daily rollups and, for partial days, from rows.
    const impact = async (from: string, to: string, dedupe: string) =>
      (
        await test.ok<{ environment: { themeImpact: unknown[] } }>(
          keys.ANALYST,
          `query($env: ID!, $from: DateTime!, $to: DateTime!, $dedupe: Dedupe) { environment(id: $env) {
             themeImpact(from: $from, to: $to, dedupe: $dedupe) {
               theme { name } mentions shareOfComments npsWith npsWithout impact difference { difference ciLow ciHigh } } } }`,
          { env: environmentId, from, to, dedupe },
        )
      ).environment.themeImpact;
    for (const [from, to] of [
      ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
      ['2026-03-02T11:59:59Z', '2026-03-07T12:00:01Z'],
      ['2026-03-04T12:00:00Z', '2026-03-04T12:00:01Z'],
      ['2026-03-03T06:00:00Z', '2026-03-06T00:00:00Z'],
    ]) {
      const rollup = await impact(from, to, 'ALL_RESPONSES');
      expect(rollup).toEqual(await impact(from, to, 'LATEST_PER_PERSON'));
      expect(rollup.some((row) => (row as { mentions: number }).mentions > 0)).toBe(true);
    }
  });

  it('recomputes stored mentions when the dictionary changes, by a job with progress', async () => {
    await importCsv([
      csvLine('d1', 3, 'The onboarding wizard is broken'),
      csvLine('d2', 9, 'Nice dashboards'),
    ]);
    const before = await byId();
    const names = new Map((await themes()).map((theme) => [theme.id, theme.name]));
    expect(before.get('d1')!.themeIds.map((id) => names.get(id))).toEqual([
      'Bugs and errors',
      'Onboarding',
    ]);
    const changed = await setThemes(keys.ADMIN, [
      { name: 'Onboarding', patterns: ['wizard'] },
      { name: 'Dashboards', patterns: ['dashboard'] },
    ]);
    expect(changed.errors).toBeUndefined();
    const ids = new Map(changed.data!.setThemes.map((theme) => [theme.name, theme.id]));
    const progress = await test.ok<{
      environment: {
        commentAnalysis: { reason: string; total: number; done: number; finished: boolean };
      };
    }>(
      keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { commentAnalysis { reason total done finished } } }',
      { env: environmentId },
    );
    expect(progress.environment.commentAnalysis).toEqual({
      reason: 'THEMES',
      total: 2,
      done: 0,
      finished: false,
    });
    const run = await test.ok<{
      runCommentAnalysis: { done: number; percent: number; finished: boolean };
    }>(
      keys.ARCHITECT,
      'mutation($env: ID!) { runCommentAnalysis(environmentId: $env) { done percent finished } }',
      { env: environmentId },
    );
    expect(run.runCommentAnalysis).toEqual({ done: 2, percent: 100, finished: true });
    const after = await byId();
    expect(after.get('d1')!.themeIds).toEqual([ids.get('Onboarding')]);
    expect(after.get('d2')!.themeIds).toEqual([ids.get('Dashboards')]);
    // Onboarding kept its id: its name stayed.
    expect(ids.get('Onboarding')).toBe([...names].find(([, name]) => name === 'Onboarding')![0]);
  });

  it('refuses bad dictionaries whole, naming the field, and only to ADMIN/ARCHITECT', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ name: ' ', patterns: ['a'] }], 'themes[0].name'],
      [
        [
          { name: 'A', patterns: ['a'] },
          { name: 'a', patterns: ['b'] },
        ],
        'themes[1].name',
      ],
      [[{ name: 'A', patterns: [''] }], 'themes[0].patterns[0]'],
      [Array.from({ length: 500 }, (_, i) => ({ name: `t${i}`, patterns: ['x'] })), 'themes'],
    ];
    for (const [input, field] of cases) {
      const result = await setThemes(keys.ADMIN, input);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toContain(`${field}:`);
      expect(JSON.stringify(result.errors?.[0].extensions)).toContain(`"field":"${field}"`);
    }
    expect((await themes()).map((theme) => theme.name)).toEqual(STARTER_THEMES.map((t) => t.name));
    const analyst = await setThemes(keys.ANALYST, [{ name: 'A', patterns: ['a'] }]);
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('searches comments like a web search box, ranked, and emails and ids as substrings', async () => {
    await importCsv([
      csvLine('s1', 3, 'Exports are slow and exports fail', 'ann@example.com'),
      csvLine('s2', 8, 'Slow exports sometimes', 'bob@example.com'),
      csvLine('s3', 9, 'Fast dashboards, slow nothing', 'carol@corp.test'),
      csvLine('s4', 2, 'The export button is hidden', 'dan@example.com'),
    ]);
    const ids = async (search: string) =>
      (await responses({ search })).edges.map((edge) => edge.node.responseId);
    // Stemmed: "exporting" finds export(s); best match (two mentions) first, then equal ranks
    // newest first (s4 answered on 5 March, s2 on 3 March).
    expect(await ids('exporting')).toEqual(['s1', 's4', 's2']);
    expect(await ids('"slow exports"')).toEqual(['s2']);
    expect(await ids('slow -exports')).toEqual(['s3']);
    expect(await ids('corp.test')).toEqual(['s3']);
    expect(await ids('s4')).toEqual(['s4']);
    // Cursor pages of a ranked list neither repeat nor skip.
    const first = await responses({ search: 'exporting', first: 2 });
    const rest = await responses({ search: 'exporting', first: 2, after: first.edges[1].cursor });
    expect([...first.edges, ...rest.edges].map((edge) => edge.node.responseId)).toEqual([
      's1',
      's4',
      's2',
    ]);
    const members = await test.ok<{
      environment: { segmentMembers: { edges: Array<{ node: { email: string } }> } };
    }>(
      keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { segmentMembers(segment: DETRACTOR, search: "exporting") { edges { node { email } } } } }',
      { env: environmentId },
    );
    expect(members.environment.segmentMembers.edges.map((edge) => edge.node.email).sort()).toEqual([
      'ann@example.com',
      'dan@example.com',
    ]);
  });

  it('resumes a killed analysis job exactly where it stopped: no comment twice, none skipped', async () => {
    const count = 400;
    await importCsv(
      Array.from({ length: count }, (_, i) =>
        csvLine(`k${i + 1}`, i % 11, `slow comment number ${i}`),
      ),
    );
    await setThemes(keys.ADMIN, [{ name: 'Speed', patterns: ['slow'] }]);
    // Every analysis row written for this environment from now on is logged (a killed batch's log
    // rolls back with it), and each one takes a few milliseconds, so the job can be killed mid-run.
    const log = `analysis_log_${environmentId}`;
    await withTestDatabase(async (client) => {
      await client.query(`CREATE TABLE ${log} (response_row_id bigint NOT NULL)`);
      await client.query(`
        CREATE FUNCTION ${log}_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.environment_id = ${Number(environmentId)} THEN
            INSERT INTO ${log} VALUES (NEW.response_row_id);
            PERFORM pg_sleep(0.004);
          END IF;
          RETURN NEW;
        END $$`);
      await client.query(`CREATE TRIGGER ${log} AFTER INSERT OR UPDATE ON comment_analysis
        FOR EACH ROW EXECUTE FUNCTION ${log}_write()`);
    });
    try {
      const worker = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          join(__dirname, 'support', 'comment-analysis-worker.ts'),
        ],
        {
          env: {
            ...process.env,
            COMMENT_ANALYSIS_BATCH: '10',
            WORKER_ENVIRONMENT_ID: environmentId,
            DATA_DIR: mkdtempSync(join(tmpdir(), 'nps-test-worker-')),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      const done = () =>
        withTestDatabase(async (client) => {
          const result = await client.query(
            'SELECT done, cursor::text FROM comment_analysis_jobs WHERE environment_id = $1',
            [environmentId],
          );
          return result.rows[0] as { done: number; cursor: string };
        });
      const deadline = Date.now() + 60_000;
      while ((await done()).done < 100 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      worker.kill('SIGKILL');
      await exited;
      const stopped = await done();
      expect(stopped.done).toBeGreaterThanOrEqual(100);
      expect(stopped.done).toBeLessThan(count);
      const resumed = await test.ok<{
        runCommentAnalysis: { done: number; total: number; finished: boolean };
      }>(
        keys.ADMIN,
        'mutation($env: ID!) { runCommentAnalysis(environmentId: $env) { done total finished } }',
        { env: environmentId },
      );
      expect(resumed.runCommentAnalysis).toEqual({ done: count, total: count, finished: true });
      const logged = await withTestDatabase(async (client) => {
        const result = await client.query(
          `SELECT count(*)::int AS rows, count(DISTINCT response_row_id)::int AS distinct_rows FROM ${log}`,
        );
        return result.rows[0];
      });
      expect(logged).toEqual({ rows: count, distinct_rows: count });
    } finally {
      await withTestDatabase(async (client) => {
        await client.query(`DROP TRIGGER ${log} ON comment_analysis`);
        await client.query(`DROP FUNCTION ${log}_write()`);
        await client.query(`DROP TABLE ${log}`);
      });
    }
  });

  it('COMMENTS embed links see only their locked filter in every comment figure', async () => {
    await test.ok(
      keys.ADMIN,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      {
        env: environmentId,
      },
    );
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({
        app_id: environmentId,
        users: [
          { identity: 'p', properties: { email: 'pro@example.com', plan: 'pro' } },
          { identity: 'f', properties: { email: 'free@example.com', plan: 'free' } },
        ],
      })
      .expect(200);
    await importCsv([
      csvLine('e1', 2, 'too slow', 'pro@example.com'),
      csvLine('e2', 3, 'slow slow', 'free@example.com'),
      csvLine('e3', 10, 'love it', 'free@example.com'),
    ]);
    const { createEmbedLink } = await test.ok<{ createEmbedLink: { token: string } }>(
      keys.ADMIN,
      `mutation($env: ID!) { createEmbedLink(environmentId: $env, view: COMMENTS,
         filter: { conditions: [{ property: "plan", equals: "pro" }] }) { token } }`,
      { env: environmentId },
    );
    const data = await test.ok<{
      environment: {
        themeImpact: Array<{ theme: { name: string }; mentions: number }>;
        sentimentSplit: Array<{ segment: string; commented: number }>;
        surveyResponses: { totalCount: number };
      };
    }>(
      createEmbedLink.token,
      `query($env: ID!) { environment(id: $env) {
         themeImpact(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { theme { name } mentions }
         sentimentSplit(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { segment commented }
         surveyResponses(first: 10) { totalCount } } }`,
      { env: environmentId },
    );
    const speed = data.environment.themeImpact.find(
      (row) => row.theme.name === 'Speed and performance',
    );
    expect(speed!.mentions).toBe(1);
    expect(data.environment.sentimentSplit.map((row) => row.commented)).toEqual([0, 0, 1]);
    expect(data.environment.surveyResponses.totalCount).toBe(1);
    const refused = await test.graphql(
      createEmbedLink.token,
      'mutation($env: ID!) { setThemes(environmentId: $env, themes: []) { id } }',
      { env: environmentId },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
