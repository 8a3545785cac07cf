import {
  Body,
  Controller,
  HttpCode,
  Param,
  Post,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { SurveyImportService } from './survey-import.service';

/**
 * REST import for host back ends and scripts: `text/csv`, `application/json`, or multipart with
 * a `file` field (CSV or JSON by its name or type).
 */
@Controller('api/environments/:environmentId/survey-responses')
export class SurveyImportController {
  constructor(private readonly imports: SurveyImportService) {}

  @Post('import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  async import(
    @CurrentPrincipal() principal: Principal | null,
    @Param('environmentId') environmentId: string,
    @Req() request: Request,
    @Body() body: unknown,
    @UploadedFile() file?: { originalname: string; mimetype: string; buffer: Buffer },
  ) {
    if (file) {
      const text = file.buffer.toString('utf8');
      const isJson = /json/i.test(file.mimetype) || /\.json$/i.test(file.originalname);
      return this.imports.import(principal, environmentId, isJson ? { json: text } : { csv: text });
    }
    if (request.is('text/csv') || request.is('text/plain')) {
      return this.imports.import(principal, environmentId, {
        csv: typeof body === 'string' ? body : '',
      });
    }
    if (request.is('application/json')) {
      // Already parsed: serialising it again could overflow the stack on a deeply nested body.
      return this.imports.import(principal, environmentId, { parsedJson: body });
    }
    throw AppError.badInput(
      'Send the file as text/csv, application/json, or multipart/form-data with a "file" field.',
    );
  }
}
