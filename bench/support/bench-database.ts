import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, runMigrationsLocked } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/** A migrated throwaway database; `drop` removes it (and its embedded cluster, if any). */
export interface BenchDatabase {
  readonly url: string;
  readonly kind: 'embedded' | 'server';
  readonly version: string;
  drop(): Promise<void>;
}

/**
 * On DATABASE_URL's server when it is set (a new `nps_bench_<random>` database, dropped after),
 * otherwise on an embedded PostgreSQL in a temporary folder (stopped and removed after).
 */
export async function createBenchDatabase(
  serverUrl: string | undefined,
  log: (message: string) => void,
  /** Receives `drop` as soon as there is something to remove, before migrations run. */
  onCreated: (drop: () => Promise<void>) => void,
): Promise<BenchDatabase> {
  const databaseName = `nps_bench_${randomBytes(4).toString('hex')}`;
  let database: Omit<BenchDatabase, 'version'>;
  if (serverUrl) {
    const url = new URL(serverUrl);
    const adminUrl = url.toString();
    url.pathname = `/${databaseName}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${databaseName}"`));
    log(`created database ${databaseName} on ${url.host}`);
    database = {
      url: url.toString(),
      kind: 'server',
      drop: once(async () => {
        await withClient(adminUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
        );
        log(`dropped database ${databaseName}`);
      }),
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'nps-bench-pg-'));
    const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
    // Last resort: embedded-postgres stops its clusters on SIGINT/SIGTERM and then exits the
    // process, possibly before our own cleanup has removed the folder.
    process.once('exit', removeDataDir);
    log(`starting embedded PostgreSQL in ${dataDir}`);
    let cluster;
    try {
      cluster = await startEmbeddedPostgres({ dataDir });
      await cluster.createDatabase(databaseName);
    } catch (error) {
      await cluster?.stop().catch(() => undefined);
      removeDataDir();
      throw error;
    }
    const started = cluster;
    database = {
      url: started.databaseUrl(databaseName),
      kind: 'embedded',
      drop: once(async () => {
        try {
          await started.stop();
        } finally {
          removeDataDir();
          log(`stopped embedded PostgreSQL and removed ${dataDir}`);
        }
      }),
    };
  }
  onCreated(database.drop);
  try {
    const dataSource = await createDataSource(database.url, 1).initialize();
    try {
      await runMigrationsLocked(dataSource);
    } finally {
      await dataSource.destroy();
    }
    const version = await withClient(database.url, async (client) => {
      const { rows } = await client.query<{ version: string }>(
        `SELECT current_setting('server_version') AS version`,
      );
      return rows[0].version.split(' ')[0];
    });
    return { ...database, version };
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
}

export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'nps-bench' });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function once(run: () => Promise<void>): () => Promise<void> {
  let promise: Promise<void> | null = null;
  return () => (promise ??= run());
}
