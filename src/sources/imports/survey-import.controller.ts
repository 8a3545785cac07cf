import { Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthenticatedRequest, principalOf } from '../../auth/current-principal.decorator';
import { closeIfBodyUnread, expectsContinue } from '../../common/request-body';
import { AppConfig } from '../../config/app-config';
import { ImportOutcome, SurveyImportService } from './survey-import.service';
import { readImportUpload } from './survey-import.upload';

/**
 * REST import for host back ends and scripts: `text/csv`, `application/json`, or multipart with
 * a `file` field (CSV or JSON by its name or type). The caller is authorised before a byte of the
 * body is read (a refused upload is answered at once and its connection closed), then the body
 * is streamed under MAX_IMPORT_BYTES.
 */
@Controller('api/environments/:environmentId/survey-responses')
export class SurveyImportController {
  constructor(
    private readonly imports: SurveyImportService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Post('import')
  @HttpCode(200)
  async import(
    @Param('environmentId') environmentId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportOutcome> {
    try {
      const principal = principalOf(request as AuthenticatedRequest);
      const environment = await this.imports.authorise(principal, environmentId);
      const content = await readImportUpload(request, this.config.maxImportBytes, () => {
        if (expectsContinue(request)) response.writeContinue();
      });
      return await this.imports.importInto(environment, content, principal);
    } catch (error) {
      closeIfBodyUnread(request, response);
      throw error;
    }
  }
}
