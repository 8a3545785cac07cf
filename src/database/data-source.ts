import { join } from 'node:path';
import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';

/**
 * The single description of the database used by the application, the migration scripts and the
 * drift check, so the three can never disagree. `synchronize` is always off: only migrations
 * change the schema.
 */
export function buildDataSourceOptions(
  url: string,
  poolSize = 10,
  replicaUrls: readonly string[] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    // With replicas, TypeORM's replication: every query runner is on the primary ("master")
    // unless asked for a replica ("slave"); src/database/read-replicas.ts chooses which one.
    ...(replicaUrls.length > 0
      ? {
          replication: {
            master: { url },
            slaves: replicaUrls.map((replicaUrl) => ({ url: replicaUrl })),
            defaultMode: 'master' as const,
          },
        }
      : { url }),
    // Every *.entity file of src/: features own their entities, and this file needs none of them.
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, application_name: 'nps-analytics' },
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(buildDataSourceOptions(url, poolSize));
}

/** Migration lock key: several instances starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_301_954_112;

export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // Migrate on the connection that holds the lock (a pool of one must not wait for a second).
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}

/** SQL that would bring the database in line with the entities; empty when there is no drift. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}
