import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DelightedSimulator } from '../tools/delighted-simulator/delighted-simulator';
import { DelightedSyncService } from '../src/sources/delighted/delighted-sync.service';
import {
  FAST_SYNC,
  comparable,
  connectedEnvironment,
  expectedResponses,
  startSimulator,
  startSyncTestApp,
  storedResponses,
  submitSurveyEvents,
  syncNow,
} from './support/delighted-fixtures';
import { TestApp } from './support/test-app';
import { withTestDatabase } from './support/test-database';

/** Every stored response equals the simulator's current one, each exactly once. */
async function expectExactlyTheSimulatorsResponses(
  environmentId: string,
  simulator: DelightedSimulator,
) {
  const stored = await storedResponses(environmentId);
  expect(new Set(stored.map((row) => row.response_id)).size).toBe(stored.length);
  expect(comparable(stored)).toEqual(expectedResponses(simulator));
}

async function usersForSimulatedPeople(
  test: TestApp,
  key: string,
  environmentId: string,
  simulator: DelightedSimulator,
) {
  const users = simulator
    .listPeople()
    .filter((person) => person.email)
    .map((person) => ({ identity: `user-${person.id}`, properties: { email: person.email! } }));
  for (let start = 0; start < users.length; start += 1000) {
    await test.http
      .post('/api/add_user_properties')
      .set('authorization', `Bearer ${key}`)
      .send({ app_id: environmentId, users: users.slice(start, start + 1000) })
      .expect(200);
  }
}

describe('Delighted sync under faults', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;

  beforeAll(async () => {
    test = await startSyncTestApp({ DELIGHTED_PER_PAGE: '25', DELIGHTED_TIMEOUT_MS: '400' });
  });
  afterAll(() => test.close());
  afterEach(async () => {
    await simulator?.stop();
  });

  it('waits out a 429 storm (Retry-After) and stores everything once', async () => {
    simulator = await startSimulator({ responses: 200, seed: 11 });
    const { environmentId, keys } = await connectedEnvironment(test, simulator);
    simulator.injectFaults([
      { kind: '429', retryAfterSeconds: 1, path: '/v1/survey_responses' },
      ...Array.from({ length: 5 }, () => ({
        kind: '429' as const,
        retryAfterSeconds: 0,
        path: '/v1/survey_responses',
      })),
    ]);
    simulator.setFaultRate({ '429': 0.3 }, 3, { retryAfterSeconds: 0 });
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('SUCCEEDED');
    expect(run.retries).toBeGreaterThanOrEqual(6);
    const throttled = simulator.requestLog.filter((entry) => entry.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(6);
    await expectExactlyTheSimulatorsResponses(environmentId, simulator);
  });

  it('retries 5xx bursts, resets, malformed pages and timeouts with backoff', async () => {
    simulator = await startSimulator({ responses: 200, seed: 12 });
    const { environmentId, keys } = await connectedEnvironment(test, simulator);
    simulator.injectFaults([
      { kind: '500' },
      { kind: '503' },
      { kind: '500' },
      { kind: 'reset' },
      { kind: 'malformed' },
      { kind: 'empty-body' },
      { kind: 'slow', delayMs: 1000 },
    ]);
    simulator.setFaultRate({ '500': 0.1, malformed: 0.05, reset: 0.05 }, 5);
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('SUCCEEDED');
    expect(run.retries).toBeGreaterThanOrEqual(7);
    await expectExactlyTheSimulatorsResponses(environmentId, simulator);
  });

  it('ends a run as failed after too many errors, records why, and the next run resumes', async () => {
    simulator = await startSimulator({ responses: 150, seed: 13 });
    const { environmentId, keys } = await connectedEnvironment(test, simulator);
    // Queued faults go first: three harmless ones let pages 1–3 through, then every request fails.
    simulator.injectFaults(
      Array.from({ length: 3 }, () => ({ kind: 'slow' as const, delayMs: 0 })),
    );
    simulator.setFaultRate({ '503': 1 }, 1);
    const failed = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(failed.outcome).toBe('FAILED');
    expect(failed.error).toMatch(/503/);
    const source = await test.ok<{
      environment: { delightedSource: { status: string; lastError: string } };
    }>(
      keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { delightedSource { status lastError } } }',
      { env: environmentId },
    );
    expect(source.environment.delightedSource.status).toBe('ERROR');
    expect(source.environment.delightedSource.lastError).toMatch(/503/);
    expect((await storedResponses(environmentId)).length).toBe(75);
    simulator.setFaultRate({});
    simulator.clearRequestLog();
    const resumed = await syncNow(test, keys.ARCHITECT, environmentId);
    // Resumed at the checkpoint: nothing before page 4 was asked for again.
    const backfillPages = simulator.requestLog
      .filter((entry) => entry.query.until !== undefined)
      .map((entry) => Number(entry.query.page));
    expect(Math.min(...backfillPages)).toBe(4);
    expect(resumed.outcome).toBe('SUCCEEDED');
    await expectExactlyTheSimulatorsResponses(environmentId, simulator);
    const after = await test.ok<{
      environment: { delightedSource: { status: string; lastError: string | null } };
    }>(
      keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { delightedSource { status lastError } } }',
      { env: environmentId },
    );
    expect(after.environment.delightedSource).toEqual({ status: 'CONNECTED', lastError: null });
  });

  it('puts the source in ERROR asking for a new key when the key is revoked mid-sync', async () => {
    simulator = await startSimulator({ responses: 60, seed: 14 });
    const { environmentId, keys } = await connectedEnvironment(test, simulator);
    simulator.revokeApiKey(simulator.apiKey);
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('FAILED');
    expect(run.error).toMatch(/re-enter/);
    simulator.addApiKey('sim_new_key_wxyz');
    await test.ok(
      keys.ARCHITECT,
      `mutation($env: ID!, $url: String) { connectDelighted(environmentId: $env, apiKey: "sim_new_key_wxyz", apiUrl: $url, startBackfill: false) { status } }`,
      { env: environmentId, url: simulator.baseUrl },
    );
    expect((await syncNow(test, keys.ARCHITECT, environmentId)).outcome).toBe('SUCCEEDED');
    await expectExactlyTheSimulatorsResponses(environmentId, simulator);
  });

  it('never runs two syncs of one source at once, even from two service instances', async () => {
    simulator = await startSimulator({ responses: 300, seed: 15 });
    const { environmentId } = await connectedEnvironment(test, simulator);
    simulator.setFaultRate({ slow: 1 }, 1, { delayMs: 20 });
    const second = await startSyncTestApp({ DELIGHTED_PER_PAGE: '25' });
    try {
      const [a, b] = await Promise.all([
        test.app.get(DelightedSyncService).sync(environmentId, 'MANUAL'),
        second.app.get(DelightedSyncService).sync(environmentId, 'SCHEDULE'),
      ]);
      const outcomes = [a?.outcome, b?.outcome].sort();
      // One ran to the end; the other was handed the run in progress.
      expect(outcomes).toEqual(['RUNNING', 'SUCCEEDED']);
      expect(a?.id).toBe(b?.id);
    } finally {
      await second.close();
    }
    simulator.setFaultRate({});
    await expectExactlyTheSimulatorsResponses(environmentId, simulator);
  });

  it('runs several syncs at once on the smallest pool: a held lock never takes a connection the runs need', async () => {
    // DATABASE_POOL_SIZE=2 leaves one connection for everything but analytics reads.
    const small = await startSyncTestApp({ DATABASE_POOL_SIZE: '2', DELIGHTED_PER_PAGE: '25' });
    const simulators = [
      await startSimulator({ responses: 120, seed: 21 }),
      await startSimulator({ responses: 90, seed: 22 }),
    ];
    try {
      const environments = [];
      for (const each of simulators) {
        each.setFaultRate({ slow: 1 }, 1, { delayMs: 10 });
        environments.push((await connectedEnvironment(small, each)).environmentId);
      }
      const runs = await Promise.all(
        environments.map((environmentId) =>
          small.app.get(DelightedSyncService).sync(environmentId, 'MANUAL'),
        ),
      );
      expect(runs.map((run) => [run?.outcome, run?.responsesFetched])).toEqual([
        ['SUCCEEDED', 120],
        ['SUCCEEDED', 90],
      ]);
      for (const [index, each] of simulators.entries()) {
        each.setFaultRate({});
        await expectExactlyTheSimulatorsResponses(environments[index], each);
      }
    } finally {
      await small.close();
      for (const each of simulators) await each.stop();
    }
  });

  it('loses and duplicates nothing when the syncing process is killed mid-backfill and restarted', async () => {
    simulator = await startSimulator({ responses: 400, seed: 16 });
    const { environmentId, keys } = await connectedEnvironment(test, simulator);
    await usersForSimulatedPeople(test, keys.INGEST, environmentId, simulator);
    simulator.setFaultRate({ slow: 1 }, 1, { delayMs: 120 });
    const worker = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support', 'sync-worker.ts')],
      {
        env: {
          ...process.env,
          ...FAST_SYNC,
          DELIGHTED_ALLOW_PRIVATE_URLS: 'true',
          DELIGHTED_PER_PAGE: '10',
          DELIGHTED_PREFETCH_PAGES: '1',
          WORKER_ENVIRONMENT_ID: environmentId,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'nps-test-worker-')),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const checkpoint = async () =>
      withTestDatabase(async (client) => {
        const result = await client.query(
          'SELECT backfill_next_page FROM delighted_sources WHERE environment_id = $1',
          [environmentId],
        );
        return result.rows[0].backfill_next_page as number;
      });
    const deadline = Date.now() + 45_000;
    while ((await checkpoint()) < 6 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    worker.kill('SIGKILL');
    await exited;
    const reachedPage = await checkpoint();
    expect(reachedPage).toBeGreaterThanOrEqual(6);
    // 400 responses in pages of 25 (the page size fixed when the source was connected): 16 pages.
    expect(reachedPage).toBeLessThan(17);
    const storedBeforeRestart = (await storedResponses(environmentId)).length;
    expect(storedBeforeRestart).toBe((reachedPage - 1) * 25);

    simulator.setFaultRate({});
    simulator.clearRequestLog();
    const resumed = await test.app.get(DelightedSyncService).sync(environmentId, 'MANUAL');
    expect(resumed?.outcome).toBe('SUCCEEDED');
    const backfillPages = simulator.requestLog
      .filter(
        (entry) => entry.path.startsWith('/v1/survey_responses') && entry.query.until !== undefined,
      )
      .map((entry) => Number(entry.query.page));
    expect(Math.min(...backfillPages)).toBe(reachedPage);
    await expectExactlyTheSimulatorsResponses(environmentId, simulator);
    const events = await submitSurveyEvents(environmentId);
    const matched = (await storedResponses(environmentId)).filter((row) => row.user_id !== null);
    expect(events.length).toBe(matched.length);
    const runs = await test.ok<{
      environment: {
        delightedSource: {
          syncRuns: { edges: Array<{ node: { outcome: string; error: string | null } }> };
        };
      };
    }>(
      keys.ANALYST,
      'query($env: ID!) { environment(id: $env) { delightedSource { syncRuns { edges { node { outcome error } } } } } }',
      { env: environmentId },
    );
    expect(
      runs.environment.delightedSource.syncRuns.edges.map((edge) => edge.node.outcome),
    ).toEqual(['SUCCEEDED', 'FAILED']);
    expect(runs.environment.delightedSource.syncRuns.edges[1].node.error).toMatch(/Interrupted/);
  }, 90_000);
});
