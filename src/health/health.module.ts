import { Module } from '@nestjs/common';
import { ReadReplicasModule } from '../database/read-replicas.module';
import { WorkloadModule } from '../workload/workload.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

@Module({
  imports: [WorkloadModule, ReadReplicasModule],
  controllers: [HealthController],
  providers: [HealthRepository],
})
export class HealthModule {}
