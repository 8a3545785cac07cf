/**
 * Creates a member from the command line (an operator with database access acts as owner).
 * Usage: npm run member:create -- --email pm@example.com --role ADMIN [--environment 1]
 *   [--name "Pat"] [--owner]. The password is read from MEMBER_PASSWORD, or generated and printed.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { Role, isRole } from '../src/auth/role';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { openDatabaseForTool } from '../src/database/database-bootstrap';
import { JsonLogger } from '../src/logging/json-logger';
import { MembersRepository } from '../src/members/members.repository';
import { MembersService } from '../src/members/members.service';
import { EnvironmentsRepository } from '../src/store/environments.repository';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      environment: { type: 'string' },
      owner: { type: 'boolean' },
    },
  });
  const role = (values.role ?? 'ADMIN').toUpperCase();
  if (!values.email || !isRole(role) || role === Role.INGEST) {
    console.error(
      'Usage: npm run member:create -- --email pm@example.com --role ANALYST|ARCHITECT|ADMIN [--environment ID] [--name "…"] [--owner]\n' +
        '  Without --environment, --role ADMIN makes an owner (global ADMIN).',
    );
    process.exit(2);
  }
  const owner = values.owner === true || values.environment === undefined;
  if (owner && role !== Role.ADMIN) {
    console.error(`A ${role} member must belong to an environment: pass --environment ID.`);
    process.exit(2);
  }
  const config = loadConfig();
  const generated = process.env.MEMBER_PASSWORD ? null : randomBytes(15).toString('base64url');
  const password = process.env.MEMBER_PASSWORD ?? generated!;
  const database = await openDatabaseForTool(config, new JsonLogger('warn'));
  const dataSource = await createDataSource(database.url, 1).initialize();
  try {
    const audit = new AuditService(new AuditRepository(dataSource));
    const environments = new EnvironmentsRepository(dataSource);
    if (values.environment && !(await environments.findById(values.environment)))
      throw new Error(`Environment ${values.environment} does not exist.`);
    const members = new MembersService(new MembersRepository(dataSource), environments, audit);
    const member = await members.create({
      email: values.email,
      name: values.name ?? values.email.split('@')[0],
      password,
      owner,
      roles: values.environment ? { [values.environment]: role } : {},
    });
    await audit.record({
      actor: { kind: 'bootstrap', id: null, label: 'command line' },
      action: 'member.create',
      target: `member:${member.id}`,
      environmentId: values.environment ?? null,
      details: { email: member.email, role, owner },
    });
    console.log(
      `Created member ${member.email} (id ${member.id}), ${owner ? 'owner (global ADMIN)' : `${role} of environment ${values.environment}`}.`,
    );
    if (generated) console.log(`Password (shown once): ${generated}`);
    console.log(`Sign in at ${config.publicUrl}/`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
    await database.release();
  }
}

void main();
