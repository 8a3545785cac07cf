import type { Response } from 'supertest';
import { ReadReplicas } from '../src/database/read-replicas';
import { TcpProxy, startTcpProxy } from './support/tcp-proxy';
import {
  BOOTSTRAP_KEY,
  TestApp,
  createEnvironmentWithKeys,
  startTestApp,
} from './support/test-app';

/** Driver and socket wording that must stay in the logs. */
const DRIVER_TEXT =
  /ECONNREFUSED|ECONNRESET|terminated|connect |127\.0\.0\.1|::1|timeout exceeded/i;

describe('database outage', () => {
  let proxy: TcpProxy;
  let test: TestApp;
  let environmentId: string;
  let keys: Awaited<ReturnType<typeof createEnvironmentWithKeys>>['keys'];

  beforeAll(async () => {
    // The app reaches the run's database through a relay this file can cut: the other test
    // files keep their database.
    const databaseUrl = new URL(process.env.NPS_TEST_DATABASE_URL!);
    proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port) });
    test = await startTestApp({ DATABASE_URL: proxy.proxied(databaseUrl.toString()) });
    ({ environmentId, keys } = await createEnvironmentWithKeys(test));
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await test?.close();
    await proxy?.close();
  });

  const graphql = (key: string) =>
    test.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${key}`)
      .send({ query: '{ environments { id name } }' });
  const track = (key: string) =>
    test.http
      .post('/api/track')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${key}`)
      .send({ app_id: environmentId, identity: 'outage', event: 'Login' });
  /** Bootstrap key: authenticated without the database; API keys: looked up in it. */
  const requests: Record<string, () => Promise<Response>> = {
    'GraphQL (bootstrap key)': () => graphql(BOOTSTRAP_KEY),
    'GraphQL (API key)': () => graphql(keys.ANALYST),
    '/api/track (bootstrap key)': () => track(BOOTSTRAP_KEY),
    '/api/track (API key)': () => track(keys.INGEST),
    '/health': () => test.http.get('/health'),
  };

  it('answers 503 with Retry-After and a plain message while the database is unreachable, then recovers', async () => {
    for (const [name, send] of Object.entries(requests)) {
      expect([name, (await send()).status]).toEqual([name, 200]);
    }

    await proxy.cut();
    test.logs.length = 0;
    for (const [name, send] of Object.entries(requests)) {
      const response = await send();
      expect([name, response.status]).toEqual([name, 503]);
      expect([name, response.headers['retry-after']]).toEqual([
        name,
        expect.stringMatching(/^\d+$/),
      ]);
      expect([name, response.text]).toEqual([name, expect.not.stringMatching(DRIVER_TEXT)]);
      const message =
        response.body.errors?.[0]?.message ??
        response.body.message ??
        response.body.database?.message;
      expect([name, message]).toEqual([name, expect.stringMatching(/database/i)]);
    }
    // The driver's text is for the operators.
    expect(test.logs.join('\n')).toMatch(/ECONNREFUSED/);

    await proxy.restore();
    const deadline = Date.now() + 15_000;
    for (const [name, send] of Object.entries(requests)) {
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = (await send()).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect([name, status]).toEqual([name, 200]);
    }
  });

  it('fails only the read whose analytics connection the outage drops while it holds it', async () => {
    const replicas = test.app.get(ReadReplicas);
    const dropped = replicas.read(async (session) => {
      await session.query('SELECT 1', []);
      // The connection ends between two statements of the read, while it is checked out.
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return session.query('SELECT 1', []);
    });
    await expect(dropped).rejects.toThrow(/terminated|not queryable|ended/i);
    await proxy.restore();
    await expect(replicas.read((session) => session.query('SELECT 2 AS two', []))).resolves.toEqual(
      [{ two: 2 }],
    );
  });
});
