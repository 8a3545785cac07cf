import 'reflect-metadata';
import { createApp, listenOn } from './app.factory';
import { ApiKeysService } from './auth/api-keys.service';
import { ensureLocalAdminKey } from './auth/local-admin-key';
import { startupFailureText } from './config/startup-error';
import { ConfigValidationError, loadConfig } from './config/app-config';
import { prepareDatabase } from './database/database-bootstrap';
import { JsonLogger } from './logging/json-logger';
import { SetupService } from './members/setup.service';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = new JsonLogger(config.logLevel);
  const database = await prepareDatabase(config, logger);
  let app;
  try {
    app = await createApp(config, database.url, logger);
    await listenOn(app, config);
  } catch (error) {
    // The embedded PostgreSQL must not outlive a service that did not start.
    await app?.close().catch(() => undefined);
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.event('info', 'listening', {
    url,
    graphql: `${url}/graphql`,
    embeddedDatabase: database.embedded !== null,
  });
  if (database.embedded && !config.bootstrapAdminKey) {
    const { secret, file } = await ensureLocalAdminKey(app.get(ApiKeysService), config.dataDir);
    process.stdout.write(
      `\n  NPS analytics is running at ${url}\n  GraphQL: ${url}/graphql\n` +
        `  Admin key (global ADMIN, kept in ${file}):\n    ${secret}\n\n`,
    );
  }

  // First run: no member yet, so a one-time link (24 h) to create the owner, printed once.
  const setup = await app.get(SetupService).linkIfNoMember();
  if (setup) {
    process.stdout.write(
      `\n  No member yet. Create the owner (global ADMIN) with this one-time link, valid until ${setup.expiresAt.toISOString()}:\n    ${setup.url}\n\n`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.event('info', 'shutting down', { signal });
    try {
      await app.close();
      await database.embedded?.stop();
      process.exit(0);
    } catch (error) {
      logger.event('error', 'shutdown failed', { error: String(error) });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void bootstrap().catch((error: unknown) => {
  process.stderr.write(`${startupFailureText(error)}\n`);
  process.exit(1);
});
