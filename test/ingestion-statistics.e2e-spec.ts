import { TrackedEvent, trackedInsertStatement } from '../src/store/events.repository';
import { PrivateDatabase, createPrivateDatabase } from './support/private-database';
import { TestApp, createEnvironmentWithKeys, startTestApp } from './support/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Conflict Arbiter Indexes'?: string[];
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

/** `count` events of one seeded user, written by SQL (no rollup, no statistics refresh). */
async function seedEvents(db: PrivateDatabase, environmentId: string, count: number) {
  await db.query(
    `WITH u AS (
       INSERT INTO users (environment_id, identity, first_seen, last_seen)
       VALUES ($1, 'seeded', now(), now()) RETURNING id)
     INSERT INTO events (environment_id, user_id, name, time, source, idempotency_key)
     SELECT $1, u.id, 'Seeded ' || (g % 20), now() - g * interval '1 minute', 'api', 'seed-' || g
       FROM u, generate_series(1, $2::int) g`,
    [environmentId, count],
  );
}

/** Environments the planner's statistics of events.environment_id know as common values. */
async function environmentsInStatistics(db: PrivateDatabase): Promise<string[]> {
  const rows = await db.query<{ values: string | null }>(
    `SELECT most_common_vals::text AS values FROM pg_stats
      WHERE schemaname = 'public' AND tablename = 'events' AND attname = 'environment_id'`,
  );
  return (rows[0]?.values ?? '{}').replace(/[{}]/g, '').split(',').filter(Boolean);
}

describe('ingestion with statistics that lag behind the data', () => {
  let db: PrivateDatabase;
  let test: TestApp;

  beforeAll(async () => {
    // A database of this file's own: here only its statements refresh statistics.
    db = await createPrivateDatabase('stats');
    await db.query('ALTER TABLE events SET (autovacuum_enabled = false)');
    await db.query('ALTER TABLE users SET (autovacuum_enabled = false)');
    test = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await test?.close();
    await db?.drop();
  });

  const track = (environmentId: string, key: string, events: unknown[]) =>
    test.http
      .post('/api/track')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${key}`)
      .send(JSON.stringify({ app_id: environmentId, events }));

  it('checks idempotency keys on the unique index when the statistics predate the environment', async () => {
    const loaded = await createEnvironmentWithKeys(test);
    const grown = await createEnvironmentWithKeys(test);
    await seedEvents(db, loaded.environmentId, 20_000);
    // Taken while `grown` is empty: the planner believes it holds about one event.
    await db.query('ANALYZE events, users');
    await seedEvents(db, grown.environmentId, 20_000);

    const batch: TrackedEvent[] = Array.from({ length: 1000 }, (_, index) => ({
      identity: `user-${index % 50}`,
      name: 'Login',
      time: new Date(Date.UTC(2026, 0, 1, 0, index)),
      properties: {},
      idempotencyKey: `fresh-${index}`,
    }));
    const { sql, parameters } = trackedInsertStatement(grown.environmentId, batch, 'api');
    const [{ 'QUERY PLAN': plan }] = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      parameters,
    );
    const nodes = flatten(plan[0].Plan);
    // No read of events other than through the unique index (a scan of another index filtered
    // on the key reads every event of the environment for each key).
    const otherReads = nodes
      .filter((node) => node['Relation Name'] === 'events' && node['Node Type'] !== 'ModifyTable')
      .filter((node) => node['Index Name'] !== 'events_environment_idempotency_key')
      .map((node) => `${node['Node Type']} ${node['Index Name'] ?? ''}`.trim());
    expect(otherReads).toEqual([]);
    const insert = nodes.find(
      (node) => node['Node Type'] === 'ModifyTable' && node['Relation Name'] === 'events',
    );
    expect(insert?.['Conflict Arbiter Indexes']).toEqual(['events_environment_idempotency_key']);
  });

  it('refreshes statistics as an environment grows past a mark', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await db.query('ANALYZE events, users');
    const events = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        identity: `user-${(from + index) % 40}`,
        event: 'Login',
        timestamp: new Date(Date.UTC(2026, 0, 1, 0, from + index)).toISOString(),
        idempotency_key: `grow-${from + index}`,
      }));
    await track(environmentId, keys.INGEST, events(0, 999)).expect(200);
    expect(await environmentsInStatistics(db)).not.toContain(environmentId);
    // The 1,000th event crosses the first mark: the answer comes after the refresh.
    await track(environmentId, keys.INGEST, events(999, 2)).expect(200);
    expect(await environmentsInStatistics(db)).toContain(environmentId);
  });

  it('counts each key once when concurrent batches repeat each other, leaving no user without events', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    // Eight requests share the same 200 keys, each under identities of its own.
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, request) =>
        track(
          environmentId,
          keys.INGEST,
          Array.from({ length: 200 }, (_, index) => ({
            identity: `request-${request}-user-${index % 20}`,
            event: `Type ${index % 3}`,
            timestamp: new Date(Date.UTC(2026, 0, 1, request, index)).toISOString(),
            idempotency_key: `shared-${index}`,
          })),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    const inserted = responses.reduce((sum, response) => sum + response.body.inserted, 0);
    expect(inserted).toBe(200);
    const [state] = await db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM events WHERE environment_id = $1)::int AS events,
              (SELECT sum(count) FROM event_types WHERE environment_id = $1)::int AS rolled_up,
              (SELECT count(*) FROM users u WHERE u.environment_id = $1 AND NOT EXISTS (
                 SELECT 1 FROM events e WHERE e.environment_id = $1 AND e.user_id = u.id))::int AS idle_users,
              (SELECT count(*) FROM users u WHERE u.environment_id = $1 AND (u.first_seen, u.last_seen) IS DISTINCT FROM (
                 SELECT (min(e.time), max(e.time)) FROM events e
                  WHERE e.environment_id = $1 AND e.user_id = u.id))::int AS wrong_seen`,
      [environmentId],
    );
    expect(state).toEqual({ events: 200, rolled_up: 200, idle_users: 0, wrong_seen: 0 });
  });
});
