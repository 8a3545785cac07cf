import { Module } from '@nestjs/common';
import { WorkloadModule } from '../workload/workload.module';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsResolver } from './analytics.resolver';
import { AnalyticsService } from './analytics.service';

@Module({
  imports: [WorkloadModule],
  providers: [AnalyticsRepository, AnalyticsService, AnalyticsResolver],
})
export class AnalyticsModule {}
