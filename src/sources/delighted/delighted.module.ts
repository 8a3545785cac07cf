import { Module } from '@nestjs/common';
import { PlannerStatisticsModule } from '../../database/planner-statistics.module';
import { EnvironmentsModule } from '../../environments/environments.module';
import { StoreModule } from '../../store/store.module';
import { DelightedSourceService } from './delighted-source.service';
import { DelightedSyncLocksRepository } from './delighted-sync-locks.repository';
import { DelightedSourcesRepository } from './delighted-sources.repository';
import { DelightedSyncScheduler } from './delighted-sync.scheduler';
import { DelightedSyncService } from './delighted-sync.service';
import { DelightedWebhookController } from './delighted-webhook.controller';
import { DelightedResolver, EnvironmentDelightedResolver } from './delighted.resolver';

@Module({
  imports: [EnvironmentsModule, StoreModule, PlannerStatisticsModule],
  controllers: [DelightedWebhookController],
  providers: [
    DelightedSourcesRepository,
    DelightedSyncLocksRepository,
    DelightedSyncService,
    DelightedSourceService,
    DelightedResolver,
    EnvironmentDelightedResolver,
    DelightedSyncScheduler,
  ],
  exports: [DelightedSyncService, DelightedSourceService],
})
export class DelightedModule {}
