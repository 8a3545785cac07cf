import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { AppConfig } from '../../config/app-config';
import { ImportResultModel } from './import-result.model';
import { SurveyImportService } from './survey-import.service';

@Resolver()
export class SurveyImportResolver {
  constructor(
    private readonly imports: SurveyImportService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Mutation(() => ImportResultModel, {
    description:
      'ADMIN/ARCHITECT. Imports a Delighted CSV export (csv) or API JSON (json): upserted like synced responses; a bad file writes nothing and names each bad line and column.',
  })
  importSurveyResponses(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('csv', { type: () => String, nullable: true }) csv?: string | null,
    @Args('json', { type: () => String, nullable: true }) json?: string | null,
  ): Promise<ImportResultModel> {
    // The request fitted MAX_BODY_BYTES; the file must also fit MAX_IMPORT_BYTES, as over REST.
    return this.imports.import(principal, environmentId, { csv, json }, this.config.maxImportBytes);
  }
}
