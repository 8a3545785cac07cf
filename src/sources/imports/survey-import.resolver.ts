import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { ImportResultModel } from './import-result.model';
import { SurveyImportService } from './survey-import.service';

@Resolver()
export class SurveyImportResolver {
  constructor(private readonly imports: SurveyImportService) {}

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
    return this.imports.import(principal, environmentId, { csv, json });
  }
}
