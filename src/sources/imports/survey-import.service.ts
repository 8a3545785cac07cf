import { Injectable } from '@nestjs/common';
import { Principal, auditActor } from '../../auth/principal';
import { AuditService } from '../../audit/audit.service';
import { Role } from '../../auth/role';
import { AppError } from '../../common/app-error';
import { EnvironmentEntity } from '../../store/environment.entity';
import { EnvironmentsService } from '../../environments/environments.service';
import { parseSurveyJson, readSurveyCsv, SurveyCsvReader } from './survey-import.parser';
import { CsvDelimiter } from './csv';
import { ImportDelimiterValue } from './import-result.model';
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
  /** The CSV's field separator as detected from its header line; null for JSON. */
  delimiter: ImportDelimiterValue | null;
}

/** Imports exported responses (Delighted CSV or the API's JSON); a rejected file writes nothing. */
@Injectable()
export class SurveyImportService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly imports: SurveyImportRepository,
    private readonly audit: AuditService,
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
      principal,
    );
  }

  /** Parses and stores a file for an environment already authorised by `authorise`. */
  async importInto(
    environment: EnvironmentEntity,
    content: ImportContent,
    principal: Principal | null = null,
  ): Promise<ImportOutcome> {
    const reader = 'csv' in content ? new SurveyCsvReader() : null;
    const batches =
      'csv' in content
        ? readSurveyCsv(typeof content.csv === 'string' ? [content.csv] : content.csv, reader!)
        : toAsync(slices(parseSurveyJson(content.json)));
    // One transaction for the whole file: all of it is stored, or none.
    const outcome = await this.imports.importAll(environment.id, batches, 'import');
    await this.audit.record({
      actor: principal
        ? auditActor(principal)
        : { kind: 'bootstrap', id: null, label: 'command line' },
      action: 'import.run',
      target: `environment:${environment.id}`,
      environmentId: environment.id,
      details: {
        format: 'csv' in content ? 'csv' : 'json',
        responses: outcome.responses,
        inserted: outcome.inserted,
        updated: outcome.updated,
      },
    });
    if (outcome.inserted + outcome.updated > 0) this.writes.stored(environment.id);
    return {
      responses: outcome.responses,
      inserted: outcome.inserted,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      matched: outcome.matched,
      delimiter: reader?.delimiter ? DELIMITER_VALUES[reader.delimiter] : null,
    };
  }
}

/** How a CSV import's delimiter is answered (GraphQL enum ImportDelimiter, REST the same names). */
const DELIMITER_VALUES: Record<CsvDelimiter, ImportDelimiterValue> = {
  ',': ImportDelimiterValue.COMMA,
  ';': ImportDelimiterValue.SEMICOLON,
  '\t': ImportDelimiterValue.TAB,
};

function* slices(records: SurveyResponseRecord[], size = 2000): Generator<SurveyResponseRecord[]> {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
