import { Injectable } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { AppError } from '../common/app-error';
import { EnvironmentsService } from '../environments/environments.service';
import { parseSurveyCsv, parseSurveyJson, parseSurveyList } from './survey-import.parser';
import { SurveyResponsesRepository } from './survey-responses.repository';

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
    private readonly responses: SurveyResponsesRepository,
  ) {}

  async import(
    principal: Principal | null,
    environmentId: string,
    content: { csv?: string | null; json?: string | null; parsedJson?: unknown },
  ): Promise<ImportOutcome> {
    const environment = await this.environments.get(principal, environmentId, Role.ARCHITECT);
    const given = [content.csv, content.json, content.parsedJson].filter(
      (value) => value !== null && value !== undefined,
    );
    if (given.length !== 1) throw AppError.badInput('Give exactly one of csv or json.', 'csv');
    const records =
      content.csv != null
        ? parseSurveyCsv(content.csv)
        : content.json != null
          ? parseSurveyJson(content.json)
          : parseSurveyList(content.parsedJson);
    // One transaction for the whole file: all of it is stored, or none.
    const outcome = await this.responses.upsert(environment.id, records, 'import');
    return {
      responses: records.length,
      inserted: outcome.inserted,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      matched: outcome.matched,
    };
  }
}
