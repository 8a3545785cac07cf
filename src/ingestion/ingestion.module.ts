import { Module } from '@nestjs/common';
import { PlannerStatisticsModule } from '../database/planner-statistics.module';
import { StoreModule } from '../store/store.module';
import { IngestionController } from './ingestion.controller';
import { IngestionService } from './ingestion.service';

@Module({
  imports: [StoreModule, PlannerStatisticsModule],
  controllers: [IngestionController],
  providers: [IngestionService],
})
export class IngestionModule {}
