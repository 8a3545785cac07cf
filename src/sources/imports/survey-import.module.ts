import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../../environments/environments.module';
import { SurveyImportController } from './survey-import.controller';
import { SurveyImportRepository } from './survey-import.repository';
import { SurveyImportService } from './survey-import.service';
import { StoreModule } from '../../store/store.module';
import { SurveyImportResolver } from './survey-import.resolver';

@Module({
  imports: [EnvironmentsModule, StoreModule],
  controllers: [SurveyImportController],
  providers: [SurveyImportRepository, SurveyImportService, SurveyImportResolver],
})
export class SurveyImportModule {}
