import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, Server, Socket, createServer as createNetServer } from 'node:net';
import { syncNow } from './support/delighted-fixtures';
import { startSyncTestApp } from './support/delighted-fixtures';
import { TestApp, createEnvironmentWithKeys } from './support/test-app';
import { withTestDatabase } from './support/test-database';

// Every listener here is on 127.0.0.1; nothing in this file contacts another address.

interface Listener {
  port: number;
  /** TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Listener> {
  const sockets = new Set<Socket>();
  const listener = { port: 0, connections: 0, close: async () => {} };
  server.on('connection', (socket: Socket) => {
    listener.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  listener.port = (server.address() as AddressInfo).port;
  listener.close = () =>
    new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      server.close(() => resolve());
    });
  return listener;
}

/** Answers like the Delighted API for any key: empty pages and zero metrics. */
function fakeDelighted(): Promise<Listener> {
  return listen(
    createHttpServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(request.url?.startsWith('/v1/metrics.json') ? '{"response_count":0}' : '[]');
    }),
  );
}

const SECRET_BODY = 'internal-service-body-d41d8cd9';
const PASSWORD = 'PASSWORD-7f3a91';
const API_KEY = 'delighted-key-SECRET-5150';

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const listener = await listen(createNetServer());
  await listener.close();
  return listener.port;
}

async function environmentWithEmail(test: TestApp) {
  const { environmentId, keys } = await createEnvironmentWithKeys(test);
  await test.ok(
    keys.ARCHITECT,
    'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
    { env: environmentId },
  );
  return { environmentId, keys };
}

const CONNECT = `mutation($env: ID!, $key: String!, $url: String) {
  connectDelighted(environmentId: $env, apiKey: $key, apiUrl: $url, startBackfill: false) { status apiUrl } }`;

function connect(test: TestApp, key: string, env: string, url: string | null) {
  return test.graphql<{ connectDelighted: { status: string; apiUrl: string } }>(key, CONNECT, {
    env,
    key: API_KEY,
    url,
  });
}

async function sourceOf(test: TestApp, key: string, env: string) {
  const data = await test.ok<{
    environment: { delightedSource: { apiUrl: string; lastError: string | null } | null };
  }>(key, 'query($env: ID!) { environment(id: $env) { delightedSource { apiUrl lastError } } }', {
    env,
  });
  return data.environment.delightedSource;
}

describe('Delighted outbound requests', () => {
  let fake: Listener;
  /** DELIGHTED_ALLOW_PRIVATE_URLS=true, as in development with the simulator. */
  let permissive: TestApp;
  /** The default: only public addresses; DELIGHTED_API_URL names the local fake by host name. */
  let strict: TestApp;

  beforeAll(async () => {
    fake = await fakeDelighted();
    permissive = await startSyncTestApp();
    strict = await startSyncTestApp({
      DELIGHTED_ALLOW_PRIVATE_URLS: 'false',
      DELIGHTED_API_URL: `http://localhost:${fake.port}/v1`,
    });
  });
  afterAll(async () => {
    await permissive?.close();
    await strict?.close();
    await fake?.close();
  });

  const allLogs = () => [...permissive.logs, ...strict.logs].join('\n');

  it('refuses loopback, IPv6 loopback and IPv4-mapped addresses by default, before any traffic', async () => {
    const { environmentId, keys } = await environmentWithEmail(strict);
    const before = fake.connections;
    for (const url of [
      `http://127.0.0.1:${fake.port}/v1`,
      `http://[::1]:${fake.port}/v1`,
      `http://[::ffff:127.0.0.1]:${fake.port}/v1`,
      `http://0x7f.1:${fake.port}/v1`,
      `http://2130706433:${fake.port}/v1`,
    ]) {
      const result = await connect(strict, keys.ARCHITECT, environmentId, url);
      expect({ url, code: result.errors?.[0]?.extensions?.code }).toEqual({
        url,
        code: 'BAD_USER_INPUT',
      });
      expect(result.errors?.[0]?.extensions?.argumentName).toBe('apiUrl');
      expect(result.errors?.[0]?.message).toMatch(/apiUrl .*not a public address/);
    }
    expect(fake.connections).toBe(before);
    expect(await sourceOf(strict, keys.ADMIN, environmentId)).toBeNull();
  });

  it('refuses a host name that resolves to a private address, named or the DELIGHTED_API_URL default, at connection time', async () => {
    const { environmentId, keys } = await environmentWithEmail(strict);
    const before = fake.connections;
    const named = await connect(
      strict,
      keys.ARCHITECT,
      environmentId,
      `http://localhost:${fake.port}/v1`,
    );
    const byDefault = await connect(strict, keys.ARCHITECT, environmentId, null);
    for (const result of [named, byDefault]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
      expect(result.errors?.[0]?.message).toBe(
        `Could not check the key: the Delighted API at http://localhost:${fake.port} is unreachable or did not answer like the Delighted API. Check apiUrl and try again.`,
      );
    }
    expect(fake.connections).toBe(before);
    expect(await sourceOf(strict, keys.ADMIN, environmentId)).toBeNull();
    // The operator learns why from the log; the caller does not.
    expect(strict.logs.join('\n')).toMatch(/localhost resolved to (127\.0\.0\.1|::1) \(loopback\)/);
  });

  it('applies the same guard to sync runs of a source stored with a private address', async () => {
    for (const [url, expected] of [
      [
        `http://localhost:${fake.port}/v1`,
        `Could not reach the Delighted API at http://localhost:${fake.port}.`,
      ],
      [
        `http://127.0.0.1:${fake.port}/v1`,
        `The Delighted API at http://127.0.0.1:${fake.port} was not called: it is not a public address.`,
      ],
    ]) {
      // Connected while private addresses were allowed (same database), synced after.
      const { environmentId, keys } = await environmentWithEmail(permissive);
      const connected = await connect(permissive, keys.ARCHITECT, environmentId, url);
      expect(connected.errors).toBeUndefined();
      const before = fake.connections;
      const run = await syncNow(strict, keys.ARCHITECT, environmentId);
      expect(run).toMatchObject({ outcome: 'FAILED', retries: 0, error: expected });
      expect((await sourceOf(strict, keys.ADMIN, environmentId))?.lastError).toBe(expected);
      expect(fake.connections).toBe(before);
    }
  });

  it('accepts only http(s) URLs without query or fragment', async () => {
    const { environmentId, keys } = await environmentWithEmail(permissive);
    const before = fake.connections;
    for (const url of [
      `ftp://127.0.0.1:${fake.port}/v1`,
      'file:///etc/passwd',
      'javascript:alert(1)',
      `gopher://127.0.0.1:${fake.port}/_`,
      `http://127.0.0.1:${fake.port}/v1?redirect=x`,
      `http://127.0.0.1:${fake.port}/v1#x`,
      `http://127.0.0.1:${fake.port} /v1`,
      'not a url',
    ]) {
      const result = await connect(permissive, keys.ARCHITECT, environmentId, url);
      expect({ url, code: result.errors?.[0]?.extensions?.code }).toEqual({
        url,
        code: 'BAD_USER_INPUT',
      });
      expect(result.errors?.[0]?.extensions?.argumentName).toBe('apiUrl');
      expect(result.errors?.[0]?.message).toMatch(/^apiUrl must/);
    }
    expect(fake.connections).toBe(before);
  });

  it('answers every unreachable or foreign target alike, without its body or error codes', async () => {
    const listeners = [
      // An HTTP service that is not Delighted, with something to hide in its body.
      await listen(
        createHttpServer((_request, response) => {
          response.statusCode = 404;
          response.end(SECRET_BODY);
        }),
      ),
      await listen(
        createHttpServer((_request, response) => {
          response.statusCode = 500;
          response.end(SECRET_BODY);
        }),
      ),
      // A Redis-like line protocol answering and hanging up.
      await listen(
        createNetServer((socket) => socket.end(`-ERR unknown command '${SECRET_BODY}'\r\n`)),
      ),
      // A service that accepts and never answers (times out).
      await listen(createNetServer(() => undefined)),
    ];
    try {
      const { environmentId, keys } = await environmentWithEmail(permissive);
      const ports = [await closedPort(), ...listeners.map((listener) => listener.port)];
      const messages: string[] = [];
      for (const port of ports) {
        const origin = `http://127.0.0.1:${port}`;
        const result = await connect(permissive, keys.ARCHITECT, environmentId, `${origin}/v1`);
        expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
        const text = JSON.stringify(result);
        for (const secret of [SECRET_BODY, 'ECONNREFUSED', 'ECONNRESET', API_KEY])
          expect(text).not.toContain(secret);
        messages.push(result.errors![0].message.replace(origin, '<origin>'));
      }
      expect(new Set(messages)).toEqual(
        new Set([
          'Could not check the key: the Delighted API at <origin> is unreachable or did not answer like the Delighted API. Check apiUrl and try again.',
        ]),
      );
      expect(allLogs()).not.toContain(API_KEY);
      expect(allLogs()).not.toContain(SECRET_BODY);
    } finally {
      await Promise.all(listeners.map((listener) => listener.close()));
    }
  });
});

describe('Delighted URLs with credentials', () => {
  let fake: Listener;
  let test: TestApp;

  beforeAll(async () => {
    fake = await fakeDelighted();
    test = await startSyncTestApp();
  });
  afterAll(async () => {
    await test?.close();
    await fake?.close();
  });

  it('refuses an apiUrl with a user name or password, naming apiUrl and repeating neither', async () => {
    const { environmentId, keys } = await environmentWithEmail(test);
    const before = fake.connections;
    for (const port of [fake.port, await closedPort()]) {
      for (const userinfo of [`delighted-user:${PASSWORD}@`, `${PASSWORD}@`, `u:${PASSWORD}@`]) {
        const result = await connect(
          test,
          keys.ARCHITECT,
          environmentId,
          `http://${userinfo}127.0.0.1:${port}/v1`,
        );
        expect(result.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          argumentName: 'apiUrl',
        });
        expect(result.errors?.[0]?.message).toMatch(
          /^apiUrl must not contain a user name or password/,
        );
        expect(JSON.stringify(result)).not.toContain(PASSWORD);
      }
    }
    expect(fake.connections).toBe(before);
    expect(await sourceOf(test, keys.ADMIN, environmentId)).toBeNull();
    expect(test.logs.join('\n')).not.toContain(PASSWORD);
  });

  it('never shows or sends credentials of a URL stored before they were refused', async () => {
    const { environmentId, keys } = await environmentWithEmail(test);
    const url = `http://127.0.0.1:${fake.port}/v1`;
    expect((await connect(test, keys.ARCHITECT, environmentId, url)).errors).toBeUndefined();
    await withTestDatabase((client) =>
      client.query('UPDATE delighted_sources SET api_url = $2 WHERE environment_id = $1', [
        environmentId,
        `http://delighted-user:${PASSWORD}@127.0.0.1:${fake.port}/v1`,
      ]),
    );
    expect((await sourceOf(test, keys.ANALYST, environmentId))?.apiUrl).toBe(url);
    const before = fake.connections;
    const run = await syncNow(test, keys.ARCHITECT, environmentId);
    expect(run.outcome).toBe('FAILED');
    expect(run.error).toMatch(/must not contain a user name or password/);
    const source = await sourceOf(test, keys.ANALYST, environmentId);
    expect(JSON.stringify({ run, source })).not.toContain(PASSWORD);
    expect(fake.connections).toBe(before);
    expect(test.logs.join('\n')).not.toContain(PASSWORD);
    expect(test.logs.join('\n')).not.toContain(API_KEY);
  });
});
