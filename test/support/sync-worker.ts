/**
 * A separate process that syncs one environment, so a test can kill it (SIGKILL) mid-backfill.
 * Env: NPS_TEST_DATABASE_URL, WORKER_ENVIRONMENT_ID, ENCRYPTION_KEYS, DELIGHTED_PER_PAGE.
 */
import 'reflect-metadata';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { DelightedSyncService } from '../../src/sources/delighted/delighted-sync.service';
import { JsonLogger } from '../../src/logging/json-logger';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: process.env.NPS_TEST_DATABASE_URL,
    RUN_MIGRATIONS: 'false',
    DELIGHTED_SYNC_ENABLED: 'false',
    ALERTS_DELIVERY_ENABLED: 'false',
    ALERTS_SCHEDULE_ENABLED: 'false',
  });
  const app = await createApp(config, config.databaseUrl!, new JsonLogger('error'));
  process.stdout.write('ready\n');
  await app.get(DelightedSyncService).sync(process.env.WORKER_ENVIRONMENT_ID!, 'MANUAL');
  await app.close();
}

void main();
