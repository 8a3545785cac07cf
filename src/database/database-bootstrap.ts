import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { JsonLogger } from '../logging/json-logger';
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
  if (!url) {
    const dataDir = join(config.dataDir, 'postgres');
    logger.event('info', 'starting embedded PostgreSQL', { dataDir });
    embedded = await startEmbeddedPostgres({
      dataDir,
      preferredPort: PREFERRED_EMBEDDED_PORT,
      onLog: (message) => logger.event('debug', 'postgres', { message }),
    });
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
