import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../environments/environments.module';
import { SurveyImportController } from './survey-import.controller';
import { SurveyImportService } from './survey-import.service';
import { SurveyResponsesRepository } from './survey-responses.repository';
import { SurveysResolver } from './surveys.resolver';

@Module({
  imports: [EnvironmentsModule],
  controllers: [SurveyImportController],
  providers: [SurveyResponsesRepository, SurveyImportService, SurveysResolver],
  exports: [SurveyResponsesRepository],
})
export class SurveysModule {}
