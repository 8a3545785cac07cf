import { ThrowawayDatabase, createThrowawayDatabase } from '../tools/harness/throwaway-database';
import { StreamingPair, startStreamingPair } from './support/streaming-replica';
import {
  BOOTSTRAP_KEY,
  TestApp,
  createEnvironmentWithKeys,
  startTestApp,
} from './support/test-app';

interface Replication {
  primaryReads: number;
  replicas: Array<{ status: string; lagSeconds: number | null; reads: number }>;
}

const SUMMARY = `query($env: ID!) { environment(id: $env) {
  npsSummary(from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { responses } } }`;

describe('analytics reads on a streaming read replica', () => {
  let pair: StreamingPair;
  let database: ThrowawayDatabase;
  /** Reads from the replica while it is at most an hour behind. */
  let tolerant: TestApp;
  /** Reads from the replica only while it has replayed everything. */
  let strict: TestApp;

  beforeAll(async () => {
    pair = await startStreamingPair();
    database = await createThrowawayDatabase({
      serverUrl: pair.primaryUrl('postgres'),
      prefix: 'nps_replica',
    });
    const name = new URL(database.url).pathname.slice(1);
    const env = (maxLag: string) => ({
      DATABASE_URL: database.url,
      DATABASE_REPLICA_URLS: pair.replicaUrl(name),
      REPLICA_MAX_LAG_SECONDS: maxLag,
    });
    tolerant = await startTestApp(env('3600'));
    strict = await startTestApp(env('0'));
  });
  afterAll(async () => {
    await tolerant?.close();
    await strict?.close();
    await database?.drop();
    await pair?.close();
  });

  /** /health's replication figures (each call measures the replica's lag anew). */
  const replication = async (test: TestApp): Promise<Replication> =>
    (await test.http.get('/health').expect(200)).body.replication;
  /** Polls until the replica has replayed every write of the primary. */
  const caughtUp = async () => {
    while ((await replication(strict)).replicas[0].status !== 'up')
      await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('sends analytics to the replica, writes and their reads to the primary, and skips a lagging or stopped replica', async () => {
    const { environmentId, keys } = await createEnvironmentWithKeys(tolerant);
    const responses = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        id: `r${from + index}`,
        person: { id: `p${from + index}`, email: `p${from + index}@x.com` },
        score: 9,
        created_at: Date.parse('2026-03-02T10:00:00Z') / 1000 + (from + index) * 60,
      }));
    const importResponses = (rows: object[]) =>
      tolerant.ok(
        keys.ARCHITECT,
        'mutation($env: ID!, $json: String) { importSurveyResponses(environmentId: $env, json: $json) { inserted } }',
        { env: environmentId, json: JSON.stringify(rows) },
      );
    const count = async (test: TestApp, key = keys.ANALYST) =>
      (
        await test.ok<{ environment: { npsSummary: { responses: number } } }>(key, SUMMARY, {
          env: environmentId,
        })
      ).environment.npsSummary.responses;

    await importResponses(responses(0, 10));
    await caughtUp();
    const before = await replication(tolerant);
    expect(await count(tolerant)).toBe(10);
    const after = await replication(tolerant);
    expect(after.replicas[0].reads).toBeGreaterThan(before.replicas[0].reads);
    expect(after.primaryReads).toBe(before.primaryReads);

    // Replay paused: the primary takes writes (a standby would refuse them) and reads of them.
    await pair.onReplica('SELECT pg_wal_replay_pause()');
    await importResponses(responses(10, 5));
    const { createApiKey } = await tolerant.ok<{ createApiKey: { key: string } }>(
      BOOTSTRAP_KEY,
      'mutation($env: ID) { createApiKey(environmentId: $env, role: ANALYST, name: "fresh") { key } }',
      { env: environmentId },
    );
    // The tolerant instance still reads the replica (15 responses stored, 10 replayed); the
    // strict one finds it behind and reads the primary. The new key works at once on both.
    expect(await count(tolerant, createApiKey.key)).toBe(10);
    expect((await replication(strict)).replicas[0]).toMatchObject({ status: 'lagging' });
    const primaryBefore = (await replication(strict)).primaryReads;
    expect(await count(strict, createApiKey.key)).toBe(15);
    expect((await replication(strict)).primaryReads).toBeGreaterThan(primaryBefore);

    await pair.onReplica('SELECT pg_wal_replay_resume()');
    await caughtUp();
    expect(await count(tolerant)).toBe(15);
    expect(await count(strict)).toBe(15);

    // A stopped replica: the next reads fall back to the primary, without an error.
    await pair.stopReplica();
    expect(await count(tolerant)).toBe(15);
    expect(await count(tolerant)).toBe(15);
    const down = await replication(tolerant);
    expect(down.replicas[0]).toMatchObject({ status: 'down', lagSeconds: null });
  });
});
