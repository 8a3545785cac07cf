import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrationsOn } from './migrate-test-database';

export interface PrivateDatabase {
  url: string;
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own on the run's server, for tests that need what the shared one
 * cannot give: statistics and autovacuum that no other test file touches.
 */
export async function createPrivateDatabase(prefix: string): Promise<PrivateDatabase> {
  const shared = new URL(process.env.NPS_TEST_DATABASE_URL!);
  const name = `${shared.pathname.slice(1)}_${prefix}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: shared.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await runMigrationsOn(url.toString());
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    query: async (sql, parameters) => (await client.query(sql, parameters)).rows,
    async drop() {
      await client.end();
      const dropper = new Client({ connectionString: shared.toString() });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
