import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { analyticsFieldCost } from '../src/analytics/cost/analytics-cost';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';

type Keys = Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

/**
 * Slow statements are made deterministically: a transaction of the test holds an ACCESS EXCLUSIVE
 * lock on a table the analytics query reads, so the query waits (state active, wait event Lock)
 * until the test lets go. The app's connections carry their own application_name, so
 * pg_stat_activity tells its statements from those of other test files.
 */
const APPLICATION_NAME = `query-budget-e2e-${process.pid}`;

function appDatabaseUrl(): string {
  const url = new URL(process.env.NPS_TEST_DATABASE_URL!);
  url.searchParams.set('application_name', APPLICATION_NAME);
  return url.toString();
}

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: process.env.NPS_TEST_DATABASE_URL });
  await client.connect();
  return client;
}

/** Holds `table` locked against every reader until release (one table: no deadlock with anyone). */
async function lockTable(
  table: 'survey_responses' | 'user_latest_nps' | 'nps_rollup_15m' | 'latest_score_counts_1d',
) {
  const client = await connect();
  await client.query('BEGIN');
  await client.query(`SET LOCAL lock_timeout = '30s'`);
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

interface Statement {
  pid: number;
  waitEventType: string | null;
  query: string;
}

/** The app's statements running now (waiting on a lock included). */
async function appStatements(monitor: Client): Promise<Statement[]> {
  const { rows } = await monitor.query<Statement>(
    `SELECT pid, wait_event_type AS "waitEventType", query FROM pg_stat_activity
      WHERE application_name = $1 AND state = 'active' AND query NOT ILIKE '%pg_cancel_backend%'`,
    [APPLICATION_NAME],
  );
  return rows;
}

/** Polls `probe` until it returns a value (bounded wait; never a measure of speed). */
async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const waitingOnLock = (statements: Statement[], count: number) =>
  statements.filter((statement) => statement.waitEventType === 'Lock').length >= count
    ? statements
    : null;

const FIVE_YEARS = { from: '2021-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
const TREND_ARGS = `from: "${FIVE_YEARS.from}", to: "${FIVE_YEARS.to}", interval: DAY, engagement: { windowDays: 365 }`;
const ATTACK_ALIAS_COST = analyticsFieldCost(
  'Environment.npsTrend',
  {
    from: new Date(FIVE_YEARS.from),
    to: new Date(FIVE_YEARS.to),
    interval: 'DAY',
    engagement: { windowDays: 365 },
  },
  { now: new Date(), lockedFilter: false },
)!;

const CORRELATIONS =
  'query($env: ID!) { environment(id: $env) { activityCorrelations { eventType } } }';

describe('analytics work is bounded: cost per request and per minute, concurrency, cancellation', () => {
  let test: TestApp;
  let monitor: Client;
  let port: number;
  let environmentId: string;
  let keys: Keys;

  beforeAll(async () => {
    test = await startTestApp({
      DATABASE_URL: appDatabaseUrl(),
      // Only the test's locks end a statement here, never the timeout.
      ANALYTICS_STATEMENT_TIMEOUT_MS: '600000',
    });
    await test.app.listen(0, '127.0.0.1');
    port = (test.app.getHttpServer().address() as AddressInfo).port;
    monitor = await connect();
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
  });
  afterAll(async () => {
    await monitor.end();
    await test.close();
  });

  const embedToken = async (view: string) => {
    const { createEmbedLink } = await test.ok<{ createEmbedLink: { token: string } }>(
      keys.ARCHITECT,
      'mutation($env: ID!, $view: EmbedView!) { createEmbedLink(environmentId: $env, view: $view) { token } }',
      { env: environmentId, view },
    );
    return createEmbedLink.token;
  };

  const post = (key: string, query: string, variables: Record<string, unknown> = {}) =>
    test.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${key}`)
      .send({ query, variables });

  /** A POST /graphql the test can hang up on. */
  const openRequest = (key: string, query: string, variables: Record<string, unknown>) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      request.on('response', resolve);
      request.on('error', reject);
    });
    response.catch(() => undefined);
    request.end(JSON.stringify({ query, variables }));
    return { response, hangUp: () => request.destroy() };
  };

  it('refuses the 94-alias five-year daily engagement trend of an embed link with 400 before any SQL runs', async () => {
    const token = await embedToken('ENGAGEMENT');
    const aliases = Array.from(
      { length: 94 },
      (_, index) => `t${index}: npsTrend(${TREND_ARGS}) { timezone }`,
    ).join(' ');
    // Every npsTrend alias starts by reading survey_responses: with it locked, any that ran would
    // be seen waiting, and the answer could not arrive before the lock is let go.
    const lock = await lockTable('survey_responses');
    let watching = true;
    try {
      const answered = post(token, `query($env: ID!) { environment(id: $env) { ${aliases} } }`, {
        env: environmentId,
      }).then((response) => ({ response }));
      const sqlStarted = until('an analytics statement', async () => {
        if (!watching) return { statements: [] as Statement[] };
        const statements = await appStatements(monitor);
        return statements.length > 0 ? { statements } : null;
      });
      const outcome = await Promise.race([answered, sqlStarted]);
      watching = false;
      expect('statements' in outcome ? outcome.statements : []).toEqual([]);
      const { response } = outcome as Awaited<typeof answered>;
      expect(response.status).toBe(400);
      const [error] = response.body.errors;
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        cost: 94 * ATTACK_ALIAS_COST,
        maxCost: 100_000,
      });
      expect(error.message).toContain(
        `would cost ${(94 * ATTACK_ALIAS_COST).toLocaleString('en-US')} analytics units (94 × npsTrend`,
      );
      expect(error.message).toContain('may spend 100,000 (ANALYTICS_MAX_COST_PER_REQUEST)');
      expect(error.message).toMatch(/shorter range, a coarser interval, a shorter windowDays/);
      expect(await appStatements(monitor)).toEqual([]);
    } finally {
      watching = false;
      await lock.release();
    }
    const logged = test.logs.map((line) => JSON.parse(line));
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        limit: 'ANALYTICS_MAX_COST_PER_REQUEST',
        cost: 94 * ATTACK_ALIAS_COST,
      }),
    );
    // One such trend is a dashboard's heaviest screen: it fits and runs.
    const single = await post(
      token,
      `query($env: ID!) { environment(id: $env) { npsTrend(${TREND_ARGS}) { timezone } } }`,
      { env: environmentId },
    );
    expect(single.status).toBe(200);
    expect(single.body.errors).toBeUndefined();
  });

  it('stops the running statement when the client goes away', async () => {
    const lock = await lockTable('user_latest_nps');
    try {
      const request = openRequest(keys.ANALYST, CORRELATIONS, { env: environmentId });
      await until('the correlation statement to wait on the lock', async () =>
        waitingOnLock(await appStatements(monitor), 1),
      );
      request.hangUp();
      await until('no analytics statement left running', async () => {
        const statements = await appStatements(monitor);
        return statements.length === 0 ? statements : null;
      });
    } finally {
      await lock.release();
    }
  });

  it('stops the rest of a request once a failed field has decided its answer', async () => {
    const correlations = await lockTable('user_latest_nps');
    const rollup = await lockTable('nps_rollup_15m');
    try {
      // Both wait; then the summary fails, which nulls the environment (npsSummary is non-null),
      // so the answer is sent while the correlations would still be waiting.
      const answer = post(
        keys.ANALYST,
        `query($env: ID!) { environment(id: $env) {
           activityCorrelations { eventType }
           npsSummary(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { responses } } }`,
        { env: environmentId },
      ).then((response) => response);
      const statements = await until('both statements to wait on their locks', async () =>
        waitingOnLock(await appStatements(monitor), 2),
      );
      const summary = statements.find((statement) => statement.query.includes('nps_rollup_15m'));
      expect(summary).toBeDefined();
      await monitor.query('SELECT pg_cancel_backend($1)', [summary!.pid]);
      const response = await answer;
      expect(response.body.data).toEqual({ environment: null });
      expect(response.body.errors[0].path).toEqual(['environment', 'npsSummary']);
      await until('no analytics statement left running', async () => {
        const running = await appStatements(monitor);
        return running.length === 0 ? running : null;
      });
    } finally {
      await rollup.release();
      await correlations.release();
    }
  });

  it('keeps /health and ingestion answering while slow analytics fill every analytics slot', async () => {
    const slots = test.config.analyticsMaxConcurrency;
    expect(slots).toBeLessThan(test.config.databasePoolSize);
    // Correlations read this rollup; tracked events never touch it (they read user_latest_nps,
    // to find events older than their user's latest response), so only analytics wait on it.
    const lock = await lockTable('latest_score_counts_1d');
    let answers: Array<Awaited<ReturnType<typeof post>>> = [];
    try {
      // More slow requests than the pool has connections.
      const requests = Array.from({ length: test.config.databasePoolSize + 2 }, () =>
        post(keys.ANALYST, CORRELATIONS, { env: environmentId }),
      );
      const pending = Promise.all(requests);
      await until('the analytics slots to fill', async () =>
        waitingOnLock(await appStatements(monitor), slots),
      );
      const health = await test.http.get('/health').timeout(15_000);
      expect(health.status).toBe(200);
      await test.http
        .post('/api/track')
        .set('authorization', `Bearer ${keys.INGEST}`)
        .send({ app_id: environmentId, identity: 'during-analytics', event: 'Login' })
        .timeout(15_000)
        .expect(200);
      const waiting = (await appStatements(monitor)).filter((s) => s.waitEventType === 'Lock');
      expect(waiting.length).toBe(slots);
      await lock.release();
      answers = await pending;
    } finally {
      await lock.release().catch(() => undefined);
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
  });
});

describe('analytics budget per credential per rolling minute', () => {
  let test: TestApp;
  let environmentId: string;
  let keys: Keys;
  // One year by month with engagement tiers over 30-day windows.
  const trendArgs = {
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date('2026-01-01T00:00:00Z'),
    interval: 'MONTH',
    engagement: { windowDays: 30 },
  };
  const cost = analyticsFieldCost('Environment.npsTrend', trendArgs, {
    now: new Date(),
    lockedFilter: false,
  })!;
  const trend = `query($env: ID!) { environment(id: $env) { npsTrend(from: "2025-01-01T00:00:00Z",
    to: "2026-01-01T00:00:00Z", interval: MONTH, engagement: { windowDays: 30 }) { timezone } } }`;
  const perMinute = 3 * cost + Math.floor(cost / 2);

  beforeAll(async () => {
    test = await startTestApp({
      ANALYTICS_MAX_COST_PER_REQUEST: String(2 * cost),
      ANALYTICS_MAX_COST_PER_MINUTE: String(perMinute),
    });
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
  });
  afterAll(() => test.close());

  const post = (key: string) =>
    test.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${key}`)
      .send({ query: trend, variables: { env: environmentId } });

  it('refuses an embed link past its minute with 429, Retry-After and the figures, and other credentials keep theirs', async () => {
    const { createEmbedLink } = await test.ok<{ createEmbedLink: { token: string } }>(
      keys.ARCHITECT,
      'mutation($env: ID!) { createEmbedLink(environmentId: $env, view: ENGAGEMENT) { token } }',
      { env: environmentId },
    );
    const token = createEmbedLink.token;
    for (let run = 0; run < 3; run += 1) {
      const granted = await post(token);
      expect(granted.status).toBe(200);
      expect(granted.body.errors).toBeUndefined();
    }
    const refused = await post(token);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const [error] = refused.body.errors;
    expect(error.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      cost,
      spentThisMinute: 3 * cost,
      maxCostPerMinute: perMinute,
      retryAfterSeconds: retryAfter,
    });
    expect(error.message).toContain(
      `has spent ${(3 * cost).toLocaleString('en-US')} of its ${perMinute.toLocaleString('en-US')} per minute (ANALYTICS_MAX_COST_PER_MINUTE); enough frees in ${retryAfter} s`,
    );
    expect(error.message).toMatch(
      /^This request would cost [\d,]+ analytics units, and embed link /,
    );
    // The API key has a minute of its own.
    for (let run = 0; run < 3; run += 1) expect((await post(keys.ANALYST)).status).toBe(200);
    expect((await post(keys.ANALYST)).status).toBe(429);
    expect(test.logs.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ level: 'warn', limit: 'ANALYTICS_MAX_COST_PER_MINUTE', cost }),
    );
  });

  it('does not charge requests that cost no analytics', async () => {
    const { createEmbedLink } = await test.ok<{ createEmbedLink: { token: string } }>(
      keys.ARCHITECT,
      'mutation($env: ID!) { createEmbedLink(environmentId: $env, view: ENGAGEMENT) { token } }',
      { env: environmentId },
    );
    for (let run = 0; run < 20; run += 1) {
      await test.ok(createEmbedLink.token, 'query($env: ID!) { environment(id: $env) { id } }', {
        env: environmentId,
      });
    }
    expect((await post(createEmbedLink.token)).status).toBe(200);
  });
});
