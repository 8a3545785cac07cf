import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../environments/environments.module';
import { SurveyImportController } from './survey-import.controller';
import { SurveyImportRepository } from './survey-import.repository';
import { SurveyImportService } from './survey-import.service';
import { SurveyResponsesRepository } from './survey-responses.repository';
import { SurveysResolver } from './surveys.resolver';

@Module({
  imports: [EnvironmentsModule],
  controllers: [SurveyImportController],
  providers: [
    SurveyResponsesRepository,
    SurveyImportRepository,
    SurveyImportService,
    SurveysResolver,
  ],
  exports: [SurveyResponsesRepository],
})
export class SurveysModule {}
