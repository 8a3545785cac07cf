/**
 * Creates an API key from the command line (an operator with database access acts as global
 * ADMIN). Usage: npm run api-key:create -- --role ADMIN --name "ops" [--environment 1]
 */
import 'reflect-metadata';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { parseArgs } from 'node:util';
import { ApiKeysRepository } from '../src/auth/api-keys.repository';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { Role, isRole } from '../src/auth/role';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { openDatabaseForTool } from '../src/database/database-bootstrap';
import { EmbedSecret } from '../src/crypto/embed-secret';
import { EnvironmentsRepository } from '../src/store/environments.repository';
import { JsonLogger } from '../src/logging/json-logger';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      environment: { type: 'string' },
    },
  });
  const role = (values.role ?? '').toUpperCase();
  if (!isRole(role) || !values.name) {
    console.error(
      'Usage: npm run api-key:create -- --role INGEST|ANALYST|ARCHITECT|ADMIN --name "…" [--environment ID]',
    );
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabaseForTool(config, new JsonLogger('warn'));
  const dataSource = await createDataSource(database.url, 1).initialize();
  try {
    const service = new ApiKeysService(
      new ApiKeysRepository(dataSource),
      new EnvironmentsRepository(dataSource),
      config,
      EmbedSecret.fromConfig(config),
      new AuditService(new AuditRepository(dataSource)),
    );
    const operator = {
      kind: 'bootstrap' as const,
      keyId: null,
      role: Role.ADMIN,
      environmentId: null,
    };
    const { key, secret } = await service.create(operator, {
      role,
      name: values.name,
      environmentId: values.environment ?? null,
    });
    console.log(
      `Created ${key.role} key "${key.name}" (id ${key.id})${key.environmentId ? ` for environment ${key.environmentId}` : ' (global)'}.`,
    );
    console.log(`Secret (shown once): ${secret}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
    await database.release();
  }
}

void main();
