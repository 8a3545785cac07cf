import { Client } from 'pg';

/** Direct SQL on the run's test database, to check what the API wrote. */
export async function withTestDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.NPS_TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function countRows(
  table: 'users' | 'events' | 'event_types',
  environmentId: string,
): Promise<number> {
  return withTestDatabase(async (client) => {
    const result = await client.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE environment_id = $1`,
      [environmentId],
    );
    return result.rows[0].n as number;
  });
}
