import { rmSync } from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__NPS_TEST_DB__;
  if (!state) return;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  // Connections left by a crashed test would block DROP DATABASE.
  await admin.query(`DROP DATABASE IF EXISTS "${state.databaseName}" WITH (FORCE)`);
  await admin.end();
  if (state.cluster) {
    await state.cluster.stop();
    if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
  }
}
