/**
 * Imports a Delighted CSV export or API JSON file from the shell (an operator with database
 * access acts as global ADMIN). Usage:
 *   npm run import:responses -- --environment 1 --file export.csv
 */
import 'reflect-metadata';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { createReadStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Role } from '../src/auth/role';
import { AppError } from '../src/common/app-error';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { openDatabaseForTool } from '../src/database/database-bootstrap';
import { EnvironmentsRepository } from '../src/store/environments.repository';
import { EnvironmentsService } from '../src/environments/environments.service';
import { JsonLogger } from '../src/logging/json-logger';
import { SurveyImportRepository } from '../src/sources/imports/survey-import.repository';
import { SurveyImportService } from '../src/sources/imports/survey-import.service';
import { SurveyWrites } from '../src/store/survey-writes';
import { SurveyResponsesRepository } from '../src/store/survey-responses.repository';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { environment: { type: 'string' }, file: { type: 'string' } },
  });
  if (!values.environment || !values.file) {
    console.error(
      'Usage: npm run import:responses -- --environment ID --file export.csv|responses.json',
    );
    process.exit(2);
  }
  const file = values.file;
  const config = loadConfig();
  const database = await openDatabaseForTool(config, new JsonLogger('warn'));
  const dataSource = await createDataSource(database.url, 2).initialize();
  try {
    const audit = new AuditService(new AuditRepository(dataSource));
    const service = new SurveyImportService(
      new EnvironmentsService(new EnvironmentsRepository(dataSource), audit),
      new SurveyImportRepository(dataSource, new SurveyResponsesRepository(dataSource)),
      audit,
      // No service runs here to listen: the service's next scheduled evaluation alerts on them.
      new SurveyWrites(),
    );
    const operator = {
      kind: 'bootstrap' as const,
      keyId: null,
      role: Role.ADMIN,
      environmentId: null,
    };
    const environment = await service.authorise(operator, values.environment);
    // CSV is read as a stream (any size); JSON is parsed whole.
    const outcome = await service.importInto(
      environment,
      /\.json$/i.test(file)
        ? { json: readFileSync(file, 'utf8') }
        : { csv: createReadStream(file) },
    );
    console.log(
      `Imported ${outcome.responses} responses: ${outcome.inserted} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${outcome.matched} matched to users.`,
    );
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      for (const problem of error.details.problems ?? [])
        console.error(`  ${problem.field}: ${problem.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
    await database.release();
  }
}

void main();
