import { join } from 'node:path';
import { Client } from 'pg';
import { StartupError } from '../config/startup-error';
import { AppConfig } from '../config/app-config';
import { JsonLogger } from '../logging/json-logger';
import { describeConnectionFailure } from './database-connection-problem';
import { createDataSource, runMigrationsLocked } from './data-source';
import {
  EmbeddedPostgresHandle,
  embeddedDatabaseUrl,
  runningEmbeddedPort,
  startEmbeddedPostgres,
} from './embedded-postgres';

const EMBEDDED_DATABASE = 'nps';
const PREFERRED_EMBEDDED_PORT = 54329;

export interface ResolvedDatabase {
  url: string;
  /** Set when the service started its own PostgreSQL; stop it after the app closes. */
  embedded: EmbeddedPostgresHandle | null;
}

/**
 * DATABASE_URL when set; otherwise an embedded PostgreSQL under DATA_DIR/postgres, created on
 * first use and kept across restarts. Migrations run here (unless RUN_MIGRATIONS=false), under
 * an advisory lock so several instances can start together.
 */
export async function prepareDatabase(
  config: AppConfig,
  logger: JsonLogger,
): Promise<ResolvedDatabase> {
  let url = config.databaseUrl;
  let embedded: EmbeddedPostgresHandle | null = null;
  if (url) await checkReachable(url);
  else {
    embedded = await startEmbedded(config, logger);
    const probe = createDataSource(embedded.databaseUrl('postgres'), 1);
    await probe.initialize();
    const exists = await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE,
    ]);
    await probe.destroy();
    if (exists.length === 0) await embedded.createDatabase(EMBEDDED_DATABASE);
    url = embedded.databaseUrl(EMBEDDED_DATABASE);
    logger.event('info', 'embedded PostgreSQL ready', { port: embedded.port });
  }
  if (config.runMigrations) {
    const dataSource = await createDataSource(url, 1).initialize();
    try {
      const applied = await runMigrationsLocked(dataSource);
      logger.event('info', 'migrations', { applied });
    } finally {
      await dataSource.destroy();
    }
  }
  return { url, embedded };
}

/** One connection to DATABASE_URL, so that a wrong URL is named at once instead of retried. */
async function checkReachable(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An error event after a failed connect would otherwise be thrown as uncaught.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new StartupError(describeConnectionFailure(url, error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The embedded PostgreSQL of DATA_DIR. One service at a time may use a data folder: a second
 * one is told so, and how to run beside it, instead of failing inside PostgreSQL.
 */
async function startEmbedded(
  config: AppConfig,
  logger: JsonLogger,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = join(config.dataDir, 'postgres');
  const runningPort = runningEmbeddedPort(dataDir);
  if (runningPort !== null) {
    throw new StartupError(
      `Another instance uses the data folder ${config.dataDir} (its PostgreSQL listens on port ${runningPort}). ` +
        'Stop it first, or run a second instance with a folder and port of its own, e.g. `DATA_DIR=.data-2 PORT=3001 npm start`, or share a PostgreSQL server through DATABASE_URL.',
    );
  }
  logger.event('info', 'starting embedded PostgreSQL', { dataDir });
  const recent: string[] = [];
  try {
    return await startEmbeddedPostgres({
      dataDir,
      preferredPort: PREFERRED_EMBEDDED_PORT,
      onLog: (message) => {
        recent.push(message);
        if (recent.length > 5) recent.shift();
        logger.event('debug', 'postgres', { message });
      },
    });
  } catch (error) {
    // embedded-postgres rejects without a reason; PostgreSQL's last lines say what went wrong.
    const reason = error instanceof Error ? error.message : '';
    throw new StartupError(
      `The embedded PostgreSQL in ${dataDir} did not start${reason ? `: ${reason}` : ''}.` +
        (recent.length ? ` PostgreSQL said:\n    ${recent.join('\n    ')}` : '') +
        (recent.some((line) => line.includes('Permission denied'))
          ? `\nRun as root, PostgreSQL runs as the "postgres" user, which must be able to enter ${dataDir} and every folder above it (chmod 755).`
          : '') +
        '\nSet DATABASE_URL to use a PostgreSQL server instead, or DATA_DIR to use another folder.',
    );
  }
}

/**
 * For command-line tools: the configured database, the embedded one the running service uses,
 * or an embedded one started just for the tool (stopped by `release`).
 */
export async function openDatabaseForTool(
  config: AppConfig,
  logger: JsonLogger,
): Promise<{ url: string; release: () => Promise<void> }> {
  if (!config.databaseUrl) {
    const port = runningEmbeddedPort(join(config.dataDir, 'postgres'));
    if (port !== null)
      return { url: embeddedDatabaseUrl(port, EMBEDDED_DATABASE), release: async () => undefined };
  }
  const database = await prepareDatabase(config, logger);
  return { url: database.url, release: async () => database.embedded?.stop() };
}
