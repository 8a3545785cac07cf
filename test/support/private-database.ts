import { Client } from 'pg';
import { createThrowawayDatabase } from '../../tools/harness/throwaway-database';

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
  const database = await createThrowawayDatabase({
    serverUrl: shared.toString(),
    prefix: `${shared.pathname.slice(1)}_${prefix}`,
  });
  const client = new Client({ connectionString: database.url });
  await client.connect();
  return {
    url: database.url,
    query: async (sql, parameters) => (await client.query(sql, parameters)).rows,
    async drop() {
      await client.end();
      await database.drop();
    },
  };
}
