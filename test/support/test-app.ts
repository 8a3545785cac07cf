import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { JsonLogger } from '../../src/logging/json-logger';

export const BOOTSTRAP_KEY = 'test-bootstrap-admin-key-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: ReturnType<typeof request>;
  /** Log lines of the app (JSON), unless TEST_LOGS sends them to stderr. */
  logs: string[];
  /** Runs a GraphQL operation with the given bearer key (or none). */
  graphql<T = Record<string, unknown>>(
    key: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data: T | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }>;
  /** Like graphql, but fails the test on any error. */
  ok<T = Record<string, unknown>>(
    key: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T>;
  close(): Promise<void>;
}

/** The service on the run's test database (created and migrated by global-setup). */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nps-test-data-'));
  const config = loadConfig({
    DATABASE_URL: process.env.NPS_TEST_DATABASE_URL,
    BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
    RUN_MIGRATIONS: 'false',
    NODE_ENV: 'test',
    DATABASE_POOL_SIZE: '4',
    // Generated secrets (embed, encryption) go to a throwaway folder, not the checkout's .data.
    DATA_DIR: dataDir,
    // The Delighted simulator listens on 127.0.0.1.
    DELIGHTED_ALLOW_PRIVATE_URLS: 'true',
    // Test files share one database: a service with the scheduled sync on would check the demo
    // sources and sync the sources of every other file, at start and on its cron.
    DELIGHTED_SYNC_ENABLED: 'false',
    // Tests run the comment analysis job themselves (runCommentAnalysis), never on a timer.
    COMMENT_ANALYSIS_ENABLED: 'false',
    // Test files share one database: only the alert tests that deliver (and say so) send the
    // outbox's deliveries, so no other test's service claims them with its own settings.
    ALERTS_DELIVERY_ENABLED: 'false',
    ALERTS_SCHEDULE_ENABLED: 'false',
    ...overrides,
  });
  const logs: string[] = [];
  const app = await createApp(
    config,
    config.databaseUrl!,
    new JsonLogger('warn', (line) =>
      process.env.TEST_LOGS ? process.stderr.write(line + '\n') : logs.push(line),
    ),
  );
  const server = app.getHttpServer();
  const graphql: TestApp['graphql'] = async (key, query, variables) => {
    let call = request(server).post('/graphql').set('content-type', 'application/json');
    if (key) call = call.set('authorization', `Bearer ${key}`);
    const response = await call.send({ query, variables });
    return response.body;
  };
  return {
    app,
    config,
    http: request(server),
    logs,
    graphql,
    async ok(key, query, variables) {
      const result = await graphql(key, query, variables);
      if (result.errors?.length)
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as never;
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new environment with one key per role, through the public API. */
export async function createEnvironmentWithKeys(
  test: TestApp,
  name = `env-${Math.random().toString(36).slice(2, 8)}`,
  timezone = 'UTC',
) {
  const { createEnvironment } = await test.ok<{ createEnvironment: { id: string } }>(
    BOOTSTRAP_KEY,
    'mutation($name: String!, $tz: String) { createEnvironment(name: $name, timezone: $tz) { id } }',
    { name, tz: timezone },
  );
  const environmentId = createEnvironment.id;
  const keys: Record<'INGEST' | 'ANALYST' | 'ARCHITECT' | 'ADMIN', string> = {} as never;
  for (const role of ['INGEST', 'ANALYST', 'ARCHITECT', 'ADMIN'] as const) {
    const { createApiKey } = await test.ok<{ createApiKey: { key: string } }>(
      BOOTSTRAP_KEY,
      'mutation($env: ID, $role: Role!) { createApiKey(environmentId: $env, role: $role, name: "test") { key } }',
      { env: environmentId, role },
    );
    keys[role] = createApiKey.key;
  }
  return { environmentId, keys };
}

/**
 * A new environment whose users are matched to responses by their `email` property, and a call
 * of a Heap-style ingestion endpoint with its INGEST key (expecting 200).
 */
export async function emailMatchedEnvironment(test: TestApp) {
  const { environmentId, keys } = await createEnvironmentWithKeys(test);
  await test.ok(
    keys.ADMIN,
    'mutation($env: ID!) { setEmailProperty(environmentId: $env, property: "email") { id } }',
    { env: environmentId },
  );
  const ingest = (path: string, body: object) =>
    test.http
      .post(path)
      .set('authorization', `Bearer ${keys.INGEST}`)
      .send({ app_id: environmentId, ...body })
      .expect(200);
  return { environmentId, keys, ingest };
}
