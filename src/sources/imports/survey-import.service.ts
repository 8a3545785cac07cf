import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/principal';
import { Role } from '../../auth/role';
import { AppError } from '../../common/app-error';
import { EnvironmentEntity } from '../../store/environment.entity';
import { EnvironmentsService } from '../../environments/environments.service';
import { parseSurveyJson, readSurveyCsv } from './survey-import.parser';
import { SurveyImportRepository } from './survey-import.repository';
import type { SurveyResponseRecord } from '../../store/survey-response-record';
import { SurveyWrites } from '../../store/survey-writes';
import { importTooLarge, type ImportContent } from './survey-import.upload';

export interface ImportOutcome {
  responses: number;
  inserted: number;
  updated: number;
  unchanged: number;
  matched: number;
}

/** Imports exported responses (Delighted CSV or the API's JSON); a rejected file writes nothing. */
@Injectable()
export class SurveyImportService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly imports: SurveyImportRepository,
    private readonly writes: SurveyWrites,
  ) {}

  /** The environment the caller may import into (ARCHITECT), checked before any file is read. */
  authorise(principal: Principal | null, environmentId: string): Promise<EnvironmentEntity> {
    return this.environments.get(principal, environmentId, Role.ARCHITECT);
  }

  async import(
    principal: Principal | null,
    environmentId: string,
    content: { csv?: string | null; json?: string | null },
    maxBytes = Infinity,
  ): Promise<ImportOutcome> {
    const environment = await this.authorise(principal, environmentId);
    const given = [content.csv, content.json].filter(
      (value): value is string => value !== null && value !== undefined,
    );
    if (given.length !== 1) throw AppError.badInput('Give exactly one of csv or json.', 'csv');
    if (Buffer.byteLength(given[0]) > maxBytes) throw importTooLarge(maxBytes);
    return this.importInto(
      environment,
      content.csv != null ? { csv: content.csv } : { json: content.json! },
    );
  }

  /** Parses and stores a file for an environment already authorised by `authorise`. */
  async importInto(environment: EnvironmentEntity, content: ImportContent): Promise<ImportOutcome> {
    const batches =
      'csv' in content
        ? readSurveyCsv(typeof content.csv === 'string' ? [content.csv] : content.csv)
        : toAsync(slices(parseSurveyJson(content.json)));
    // One transaction for the whole file: all of it is stored, or none.
    const outcome = await this.imports.importAll(environment.id, batches, 'import');
    if (outcome.inserted + outcome.updated > 0) this.writes.stored(environment.id);
    return {
      responses: outcome.responses,
      inserted: outcome.inserted,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      matched: outcome.matched,
    };
  }
}

function* slices(records: SurveyResponseRecord[], size = 2000): Generator<SurveyResponseRecord[]> {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
