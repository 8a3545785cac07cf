import { createThrowawayDatabase } from '../../tools/harness/throwaway-database';

/**
 * One database per test run: on DATABASE_URL's server when it is set, otherwise on an embedded
 * PostgreSQL started in a temporary folder. The database is migrated once here and dropped by
 * global-teardown; test files share it and isolate themselves by creating their own environments.
 */
export default async function globalSetup(): Promise<void> {
  const database = await createThrowawayDatabase({
    serverUrl: process.env.DATABASE_URL,
    prefix: 'nps_test',
  });
  globalThis.__NPS_TEST_DB__ = database;
  process.env.DATABASE_URL = database.url;
  process.env.NPS_TEST_DATABASE_URL = database.url;
}
