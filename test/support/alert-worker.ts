/**
 * A separate service instance that only sends alert deliveries, so a test can kill it (SIGKILL)
 * while a delivery is in flight. Env: NPS_TEST_DATABASE_URL, ENCRYPTION_KEYS, ALERTS_*.
 */
import 'reflect-metadata';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { JsonLogger } from '../../src/logging/json-logger';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: process.env.NPS_TEST_DATABASE_URL,
    RUN_MIGRATIONS: 'false',
    DELIGHTED_SYNC_ENABLED: 'false',
    ALERTS_SCHEDULE_ENABLED: 'false',
    ALERTS_DELIVERY_ENABLED: 'true',
  });
  await createApp(config, config.databaseUrl!, new JsonLogger('error'));
  process.stdout.write('ready\n');
}

void main();
