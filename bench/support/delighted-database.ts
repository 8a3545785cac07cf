import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, runMigrationsLocked } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/** A migrated throwaway database; `drop` removes it (and its embedded cluster, if any). */
export interface ThrowawayDatabase {
  readonly url: string;
  readonly kind: 'embedded' | 'server';
  readonly version: string;
  drop(): Promise<void>;
}

/**
 * On DATABASE_URL's server when given (a new `nps_bench_<random>` database, dropped after),
 * otherwise on an embedded PostgreSQL in a temporary folder (stopped and removed after).
 */
export async function createThrowawayDatabase(
  serverUrl: string | undefined,
  log: (message: string) => void,
): Promise<ThrowawayDatabase> {
  const name = `nps_bench_${randomBytes(4).toString('hex')}`;
  let url: string;
  let kind: ThrowawayDatabase['kind'];
  let drop: () => Promise<void>;
  if (serverUrl) {
    const target = new URL(serverUrl);
    const adminUrl = target.toString();
    target.pathname = `/${name}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    log(`created database ${name} on ${target.host}`);
    url = target.toString();
    kind = 'server';
    drop = once(async () => {
      await withClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
      log(`dropped database ${name}`);
    });
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'nps-bench-pg-'));
    const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
    process.once('exit', removeDataDir);
    log(`starting embedded PostgreSQL in ${dataDir}`);
    let cluster: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
    try {
      cluster = await startEmbeddedPostgres({ dataDir });
      await cluster.createDatabase(name);
    } catch (error) {
      await cluster?.stop().catch(() => undefined);
      removeDataDir();
      throw error;
    }
    const started = cluster;
    url = started.databaseUrl(name);
    kind = 'embedded';
    drop = once(async () => {
      try {
        await started.stop();
      } finally {
        removeDataDir();
        process.removeListener('exit', removeDataDir);
        log(`stopped embedded PostgreSQL and removed ${dataDir}`);
      }
    });
  }
  try {
    const dataSource = await createDataSource(url, 1).initialize();
    try {
      await runMigrationsLocked(dataSource);
    } finally {
      await dataSource.destroy();
    }
    const version = await withClient(url, async (client) => {
      const { rows } = await client.query<{ version: string }>(
        `SELECT current_setting('server_version') AS version`,
      );
      return rows[0].version.split(' ')[0];
    });
    return { url, kind, version, drop };
  } catch (error) {
    await drop().catch(() => undefined);
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

/**
 * The database's own ceiling: one INSERT … SELECT FROM generate_series of `rows` responses shaped
 * like the simulator's (same columns, similar widths) into `environmentId`, in the same table with
 * the same indexes. Returns the seconds it took (after a CHECKPOINT, so it starts clean).
 */
export async function insertSelectFloor(
  client: Client,
  environmentId: string,
  rows: number,
): Promise<number> {
  await client.query('CHECKPOINT').catch(() => undefined);
  const started = process.hrtime.bigint();
  await client.query(
    `INSERT INTO survey_responses (environment_id, response_id, source, person_id, email,
            email_normalized, phone_number, survey_type, score, is_nps, comment, permalink,
            responded_at, response_updated_at, person_properties)
     SELECT $1, (100000000 + g)::text, 'floor', (50000000 + g % 600000)::text,
            'Person.' || (g % 600000) || '@Example.com', 'person.' || (g % 600000) || '@example.com',
            CASE WHEN g % 7 = 0 THEN '+1555' || (1000000 + g % 600000) END,
            CASE WHEN g % 10 = 0 THEN 'csat' ELSE 'nps' END, g % 11, g % 10 <> 0,
            CASE WHEN g % 3 <> 0 THEN 'Support answered within minutes. Impressive!' END,
            'https://delighted.com/r/' || (100000000 + g),
            now() - make_interval(secs => (($2::int - g) * 63)),
            CASE WHEN g % 3 <> 2 THEN now() - make_interval(secs => (($2::int - g) * 63 - 120)) END,
            jsonb_build_object('Plan', 'Pro', 'Delighted Source', 'Email', 'Company size', '11-50',
                               'Locale', 'en')
       FROM generate_series(1, $2::int) AS g`,
    [environmentId, rows],
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}
