import { Module } from '@nestjs/common';
import { PlannerStatisticsModule } from '../database/planner-statistics.module';
import { EnvironmentsModule } from '../environments/environments.module';
import { EventsModule } from '../events/events.module';
import { UsersModule } from '../users/users.module';
import { IngestionController } from './ingestion.controller';
import { IngestionService } from './ingestion.service';

@Module({
  imports: [EnvironmentsModule, EventsModule, UsersModule, PlannerStatisticsModule],
  controllers: [IngestionController],
  providers: [IngestionService],
})
export class IngestionModule {}
