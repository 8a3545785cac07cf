/** Runs pending migrations on the configured (or embedded) database: `npm run migrate`. */
import 'reflect-metadata';
import { loadConfig } from '../src/config/app-config';
import { openDatabaseForTool } from '../src/database/database-bootstrap';
import { createDataSource, runMigrationsLocked } from '../src/database/data-source';
import { JsonLogger } from '../src/logging/json-logger';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, RUN_MIGRATIONS: 'false' });
  const database = await openDatabaseForTool(config, new JsonLogger('warn'));
  const dataSource = await createDataSource(database.url, 1).initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  } finally {
    await dataSource.destroy();
    await database.release();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
