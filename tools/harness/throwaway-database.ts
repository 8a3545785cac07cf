import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Cleanup } from './cleanup';
import { createDataSource, runMigrationsLocked } from '../../src/database/data-source';
import {
  type EmbeddedPostgresHandle,
  startEmbeddedPostgres,
} from '../../src/database/embedded-postgres';

/** A migrated database of its own for one test run or benchmark; `drop` removes it. */
export interface ThrowawayDatabase {
  readonly name: string;
  readonly url: string;
  readonly kind: 'embedded' | 'server';
  readonly version: string;
  /** Drops the database (server) or stops and removes the cluster (embedded); runs once. */
  drop(): Promise<void>;
}

export interface ThrowawayDatabaseOptions {
  /** A server to create the database on (it is dropped after); unset: an embedded cluster. */
  serverUrl?: string;
  /** The database is named `<prefix>_<random>`, so leftovers say whose they are. */
  prefix: string;
  log?: (message: string) => void;
  /** Receives `drop` as soon as there is something to remove, before migrations run. */
  onCreated?: (drop: () => Promise<void>) => void;
}

/**
 * On `serverUrl`'s server when given (CREATE DATABASE there, DROP … WITH (FORCE) after), otherwise
 * on an embedded PostgreSQL in a temporary folder (stopped and removed after); migrated either way.
 */
export async function createThrowawayDatabase(
  options: ThrowawayDatabaseOptions,
): Promise<ThrowawayDatabase> {
  const log = options.log ?? (() => undefined);
  const name = `${options.prefix}_${randomBytes(4).toString('hex')}`;
  const created = options.serverUrl
    ? await onServer(options.serverUrl, name, log)
    : await onEmbeddedCluster(options.prefix, name, log);
  const drop = once(created.drop);
  options.onCreated?.(drop);
  try {
    await migrateDatabase(created.url);
    const version = await withClient(created.url, async (client) => {
      const { rows } = await client.query<{ version: string }>(
        `SELECT current_setting('server_version') AS version`,
      );
      return rows[0].version.split(' ')[0];
    });
    return { name, url: created.url, kind: created.kind, version, drop };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}

type Created = Pick<ThrowawayDatabase, 'url' | 'kind' | 'drop'>;

async function onServer(
  serverUrl: string,
  name: string,
  log: (message: string) => void,
): Promise<Created> {
  const target = new URL(serverUrl);
  const adminUrl = target.toString();
  target.pathname = `/${name}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  log(`created database ${name} on ${target.host}`);
  return {
    url: target.toString(),
    kind: 'server',
    drop: async () => {
      // Connections left by a crashed run would block a plain DROP DATABASE.
      await withClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
      log(`dropped database ${name}`);
    },
  };
}

async function onEmbeddedCluster(
  prefix: string,
  name: string,
  log: (message: string) => void,
): Promise<Created> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix.replace(/_/g, '-')}-pg-`));
  const removeDataDir = () => {
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener('exit', removeDataDir);
  };
  // Last resort: embedded-postgres stops its clusters on SIGINT/SIGTERM and then exits the
  // process, possibly before the caller's cleanup has removed the folder.
  process.once('exit', removeDataDir);
  log(`starting embedded PostgreSQL in ${dataDir}`);
  let cluster: EmbeddedPostgresHandle | undefined;
  try {
    cluster = await startEmbeddedPostgres({ dataDir });
    await cluster.createDatabase(name);
  } catch (error) {
    await cluster?.stop().catch(() => undefined);
    removeDataDir();
    throw error;
  }
  const started = cluster;
  return {
    url: started.databaseUrl(name),
    kind: 'embedded',
    drop: async () => {
      try {
        await started.stop();
      } finally {
        removeDataDir();
        log(`stopped embedded PostgreSQL and removed ${dataDir}`);
      }
    },
  };
}

/** Runs the migrations on `url` (under the same lock as the service). */
export async function migrateDatabase(url: string): Promise<void> {
  const dataSource = await createDataSource(url, 1).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** One short-lived connection to `url` for `run`. */
export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'nps-harness' });
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
 * A benchmark's database (see createThrowawayDatabase, named `nps_bench_<random>`), dropped by
 * `cleanup` even when a signal comes during migrations, and a connection to it for the whole run.
 */
export async function openBenchDatabase(
  serverUrl: string | undefined,
  cleanup: Pick<Cleanup, 'add' | 'started'>,
  log: (message: string) => void,
): Promise<{ database: ThrowawayDatabase; client: Client }> {
  const database = await createThrowawayDatabase({
    serverUrl,
    prefix: 'nps_bench',
    log,
    onCreated: (drop) => cleanup.add(drop),
  });
  return { database, client: await openClient(database.url, cleanup, log) };
}

/**
 * A connection for the whole run, ended by `cleanup`. On Ctrl-C embedded-postgres stops its
 * cluster by itself, which drops idle connections: errors are only logged before cleanup began.
 */
export async function openClient(
  url: string,
  cleanup: Pick<Cleanup, 'add' | 'started'>,
  log: (message: string) => void,
  applicationName = 'nps-bench',
): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: applicationName });
  client.on('error', (error) => cleanup.started || log(`database connection: ${error.message}`));
  await client.connect();
  cleanup.add(() => client.end());
  return client;
}
