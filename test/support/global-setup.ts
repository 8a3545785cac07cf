import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrationsOn } from './migrate-test-database';

/**
 * One database per test run: on DATABASE_URL's server when it is set, otherwise on an embedded
 * PostgreSQL started in a temporary folder. The database is migrated once here and dropped by
 * global-teardown; test files share it and isolate themselves by creating their own environments.
 */
export default async function globalSetup(): Promise<void> {
  const databaseName = `nps_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const serverUrl = process.env.DATABASE_URL;
  let adminUrl: string;
  let testUrl: string;
  if (serverUrl) {
    const url = new URL(serverUrl);
    adminUrl = url.toString();
    url.pathname = `/${databaseName}`;
    testUrl = url.toString();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    await admin.end();
    globalThis.__NPS_TEST_DB__ = { databaseName, adminUrl };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'nps-test-pg-'));
    const cluster = await startEmbeddedPostgres({ dataDir });
    await cluster.createDatabase(databaseName);
    adminUrl = cluster.databaseUrl('postgres');
    testUrl = cluster.databaseUrl(databaseName);
    globalThis.__NPS_TEST_DB__ = { databaseName, adminUrl, cluster, dataDir };
  }
  process.env.DATABASE_URL = testUrl;
  process.env.NPS_TEST_DATABASE_URL = testUrl;
  await runMigrationsOn(testUrl);
}
