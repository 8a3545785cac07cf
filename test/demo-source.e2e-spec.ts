import { createServer } from 'node:http';
import { Principal } from '../src/auth/principal';
import { Role } from '../src/auth/role';
import { DelightedSourcesRepository } from '../src/sources/delighted/delighted-sources.repository';
import { DelightedSourceService } from '../src/sources/delighted/delighted-source.service';
import { DelightedSyncService } from '../src/sources/delighted/delighted-sync.service';
import { DelightedSyncScheduler } from '../src/sources/delighted/delighted-sync.scheduler';
import { DelightedSimulator } from '../tools/delighted-simulator/delighted-simulator';
import { startSimulator, startSyncTestApp, syncNow } from './support/delighted-fixtures';
import { TestApp, createEnvironmentWithKeys } from './support/test-app';

const OPERATOR: Principal = {
  kind: 'bootstrap',
  keyId: null,
  role: Role.ADMIN,
  environmentId: null,
};
const NOTICE =
  'Demo source: its simulator runs only with `npm run demo`, so sync is skipped. Start the demo again, or connect a real Delighted key.';
const SOURCE = `query($env: ID!) { environment(id: $env) { delightedSource {
  status origin notice lastError syncRuns(first: 1) { edges { node { trigger outcome retries error } } } } } }`;

interface SourceState {
  status: string;
  origin: string;
  notice: string | null;
  lastError: string | null;
  syncRuns: {
    edges: Array<{
      node: { trigger: string; outcome: string; retries: number; error: string | null };
    }>;
  };
}

/**
 * `npm run demo` connects its environment to the bundled simulator and marks the source DEMO; a
 * later `npm start` on the same data folder has no simulator. Its sync must then answer at once
 * and plainly (no retries, no ERROR), and the Source page's notice say why.
 */
describe('a demo source whose simulator is not running', () => {
  let test: TestApp;
  let simulator: DelightedSimulator;

  beforeAll(async () => {
    test = await startSyncTestApp();
  });
  afterAll(async () => {
    await test.close();
    await simulator?.stop();
  });

  async function demoEnvironment(running: DelightedSimulator) {
    const { environmentId, keys } = await createEnvironmentWithKeys(test);
    await test.ok(
      keys.ARCHITECT,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: environmentId },
    );
    // As scripts/demo.ts connects it: through the service, marked as the demo's.
    await test.app.get(DelightedSourceService).connect(OPERATOR, {
      environmentId,
      apiKey: running.apiKey,
      apiUrl: running.baseUrl,
      startBackfill: false,
      origin: 'DEMO',
    });
    return { environmentId, keys };
  }
  const source = async (key: string, env: string) =>
    (await test.ok<{ environment: { delightedSource: SourceState } }>(key, SOURCE, { env }))
      .environment.delightedSource;

  it('skips a sync at once with the plain notice, shows DEMO_OFFLINE, and syncs again once the simulator is back', async () => {
    simulator = await startSimulator({ responses: 12, seed: 3 });
    const port = simulator.port;
    const { environmentId, keys } = await demoEnvironment(simulator);
    expect(await syncNow(test, keys.ARCHITECT, environmentId)).toMatchObject({
      outcome: 'SUCCEEDED',
      responsesInserted: 12,
    });
    expect(await source(keys.ANALYST, environmentId)).toMatchObject({
      status: 'CONNECTED',
      origin: 'DEMO',
      notice: null,
    });

    await simulator.stop();
    const skipped = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(skipped).toMatchObject({ outcome: 'SKIPPED', retries: 0, pages: 0, error: NOTICE });
    expect(await source(keys.ANALYST, environmentId)).toEqual({
      status: 'DEMO_OFFLINE',
      origin: 'DEMO',
      notice: NOTICE,
      lastError: null,
      syncRuns: {
        edges: [{ node: { trigger: 'MANUAL', outcome: 'SKIPPED', retries: 0, error: NOTICE } }],
      },
    });

    await simulator.start(port);
    simulator.addResponse({ person: { id: 'late', email: 'late@example.com' }, score: 9 });
    expect(await syncNow(test, keys.ARCHITECT, environmentId)).toMatchObject({
      outcome: 'SUCCEEDED',
      responsesInserted: 1,
    });
    expect(await source(keys.ANALYST, environmentId)).toMatchObject({
      status: 'CONNECTED',
      notice: null,
    });
  });

  it('is found and marked at start-up, before anyone syncs; a source connected over the API is not', async () => {
    const gone = await startSimulator({ responses: 3, seed: 5 });
    const demo = await demoEnvironment(gone);
    const api = await createEnvironmentWithKeys(test);
    await test.ok(
      api.keys.ARCHITECT,
      'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
      { env: api.environmentId },
    );
    await test.ok(
      api.keys.ARCHITECT,
      `mutation($env: ID!, $key: String!, $url: String) {
         connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: false) { origin } }`,
      { env: api.environmentId, key: gone.apiKey, url: gone.baseUrl },
    );
    await gone.stop();

    // What onApplicationBootstrap runs when DELIGHTED_SYNC_ENABLED is on (the tests turn it off).
    await test.app.get(DelightedSyncScheduler).checkDemoSources();
    expect(await source(demo.keys.ANALYST, demo.environmentId)).toEqual({
      status: 'DEMO_OFFLINE',
      origin: 'DEMO',
      notice: NOTICE,
      lastError: null,
      syncRuns: {
        edges: [{ node: { trigger: 'STARTUP', outcome: 'SKIPPED', retries: 0, error: NOTICE } }],
      },
    });
    expect(await source(api.keys.ANALYST, api.environmentId)).toEqual({
      status: 'WAITING_FOR_DATA',
      origin: 'API',
      notice: null,
      lastError: null,
      syncRuns: { edges: [] },
    });
  });

  it('waits at start-up for a check another process already holds, and reports the source once it ends', async () => {
    const first = await startSimulator({ responses: 1, seed: 11 });
    const { environmentId, keys } = await demoEnvironment(first);
    const port = first.port;
    await first.stop();
    // Accepts and never answers: the other process's probe waits out its whole timeout.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    const elsewhere = test.app.get(DelightedSyncService).sync(environmentId, 'MANUAL');
    try {
      const sources = test.app.get(DelightedSourcesRepository);
      while (!(await sources.findRunning(environmentId)))
        await new Promise((resolve) => setTimeout(resolve, 10));

      await test.app.get(DelightedSyncScheduler).checkDemoSources();
      expect(await source(keys.ANALYST, environmentId)).toMatchObject({
        status: 'DEMO_OFFLINE',
        notice: NOTICE,
        syncRuns: { edges: [{ node: { trigger: 'MANUAL', outcome: 'SKIPPED', error: NOTICE } }] },
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
      await elsewhere;
    }
  });

  it('becomes an ordinary source when someone connects it with connectDelighted', async () => {
    const first = await startSimulator({ responses: 2, seed: 8 });
    const { environmentId, keys } = await demoEnvironment(first);
    const result = await test.ok<{ connectDelighted: { origin: string; status: string } }>(
      keys.ARCHITECT,
      `mutation($env: ID!, $key: String!, $url: String) {
         connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: false) { origin status } }`,
      { env: environmentId, key: first.apiKey, url: first.baseUrl },
    );
    await first.stop();
    expect(result.connectDelighted).toEqual({ origin: 'API', status: 'WAITING_FOR_DATA' });
  });
});
