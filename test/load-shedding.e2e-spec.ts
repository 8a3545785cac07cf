import { Client } from 'pg';
import request from 'supertest';
import { PrivateDatabase, createPrivateDatabase } from './support/private-database';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';

interface Health {
  status: string;
  analytics: { running: number; queued: number; maxQueue: number; shed: number };
}

const SUMMARY = `query($env: ID!) { environment(id: $env) {
  npsSummary(from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { responses promoters detractors } } }`;

describe('an instance past its analytics capacity sheds load', () => {
  let db: PrivateDatabase;
  let test: TestApp;

  beforeAll(async () => {
    // A database of this file's own: the test holds a table lock no other file should wait on.
    db = await createPrivateDatabase('shed');
    test = await startTestApp({
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      ANALYTICS_MAX_CONCURRENCY: '1',
      ANALYTICS_MAX_QUEUE: '1',
      ANALYTICS_QUEUE_TIMEOUT_MS: '120000',
    });
  });
  afterAll(async () => {
    await test?.close();
    await db?.drop();
  });

  /** Polls /health (never slowed by analytics) until `ready` holds of its analytics load. */
  async function untilLoad(ready: (load: Health['analytics']) => boolean): Promise<Health> {
    for (;;) {
      const health = await test.http.get('/health').expect(200);
      if (ready((health.body as Health).analytics)) return health.body as Health;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('answers 503 with Retry-After beyond the queue, runs what it queued, and loses no writes', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    const rows = Array.from({ length: 12 }, (_, index) => ({
      id: `r${index}`,
      person: { id: `p${index}`, email: `p${index}@x.com` },
      score: index % 11,
      created_at: Date.parse('2026-03-02T10:00:00Z') / 1000 + index * 3600,
    }));
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
      { env: environmentId, json: JSON.stringify(rows) },
    );
    // Scores 0…10 and 0: promoters 9, 10; detractors 0…6 and 0.
    const expected = { responses: 12, promoters: 2, detractors: 8 };
    const server = test.app.getHttpServer();
    const summary = () =>
      request(server)
        .post('/graphql')
        .set('authorization', `Bearer ${keys.ANALYST}`)
        .send({ query: SUMMARY, variables: { env: environmentId } });

    // The rollup npsSummary reads is locked, so the one analytics slot stays taken.
    const locker = new Client({ connectionString: db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE nps_rollup_15m IN ACCESS EXCLUSIVE MODE');
      const running = summary().then((response) => response);
      await untilLoad((load) => load.running === 1);
      const queued = summary().then((response) => response);
      await untilLoad((load) => load.queued === 1);

      const shed = await Promise.all([summary(), summary(), summary()]);
      for (const response of shed) {
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBe('120');
        expect(response.body.errors).toEqual([
          expect.objectContaining({
            message: expect.stringMatching(/analytics capacity.*ANALYTICS_MAX_QUEUE=1.*Retry in/),
            extensions: expect.objectContaining({ code: 'OVERLOADED' }),
          }),
        ]);
      }
      // Meanwhile health and ingestion are served as usual.
      const health = await untilLoad((load) => load.shed === 3);
      expect(health).toMatchObject({ status: 'ok', analytics: { running: 1, queued: 1 } });
      await test.http
        .post('/api/track')
        .set('authorization', `Bearer ${keys.INGEST}`)
        .send({
          app_id: environmentId,
          events: Array.from({ length: 50 }, (_, index) => ({
            identity: `u${index % 5}`,
            event: 'Login',
            timestamp: '2026-03-01T00:00:00Z',
            idempotency_key: `k${index}`,
          })),
        })
        .expect(200, { accepted: 50, inserted: 50, duplicates: 0 });

      await locker.query('COMMIT');
      for (const response of [await running, await queued]) {
        expect(response.status).toBe(200);
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data.environment.npsSummary).toEqual(expected);
      }
    } finally {
      await locker.end();
    }
    // Shed requests ran nothing and succeed once retried; every event was stored.
    const retried = await summary();
    expect(retried.status).toBe(200);
    expect(retried.body.data.environment.npsSummary).toEqual(expected);
    const [stored] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE environment_id = $1',
      [environmentId],
    );
    expect(stored.n).toBe(50);
    expect((await untilLoad(() => true)).analytics).toMatchObject({ running: 0, queued: 0 });
  });
});
