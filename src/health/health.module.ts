import { Module } from '@nestjs/common';
import { WorkloadModule } from '../workload/workload.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

@Module({
  imports: [WorkloadModule],
  controllers: [HealthController],
  providers: [HealthRepository],
})
export class HealthModule {}
