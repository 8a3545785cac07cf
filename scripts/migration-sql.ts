/**
 * Prints the SQL that would bring a freshly migrated database in line with the entities:
 * the starting point of a new migration (`npm run migration:sql`), and, with `--check`,
 * the drift check CI runs (exit 1 when entities and migrations disagree).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createDataSource,
  pendingSchemaChanges,
  runMigrationsLocked,
} from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const databaseName = `nps_drift_${randomBytes(4).toString('hex')}`;
  let adminUrl: string;
  let url: string;
  let cleanup = async () => undefined as void;
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    adminUrl = server.toString();
    server.pathname = `/${databaseName}`;
    url = server.toString();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    await admin.end();
    cleanup = async () => {
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await dropper.end();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'nps-drift-pg-'));
    const cluster = await startEmbeddedPostgres({ dataDir });
    await cluster.createDatabase(databaseName);
    url = cluster.databaseUrl(databaseName);
    cleanup = async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  let pending: string[] = [];
  try {
    const dataSource = await createDataSource(url, 2).initialize();
    try {
      await runMigrationsLocked(dataSource);
      pending = await pendingSchemaChanges(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await cleanup();
  }
  if (pending.length === 0) {
    console.log('Entities and migrations agree: no schema drift.');
    return;
  }
  if (check) {
    console.error(
      'Schema drift: the entities differ from what the migrations create. Missing SQL:',
    );
  }
  console.log(pending.map((query) => `${query};`).join('\n'));
  if (check) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
