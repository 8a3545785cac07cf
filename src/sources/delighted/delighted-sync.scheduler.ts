import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../../config/app-config';
import { DelightedSourcesRepository } from './delighted-sources.repository';
import { DelightedSyncService } from './delighted-sync.service';

/** How long the start-up check waits for a demo source's run held by another process. */
const DEMO_CHECK_WAIT_MS = 15_000;

/** Thin cron job: on DELIGHTED_SYNC_CRON, syncs every connected source through the sync service. */
@Injectable()
export class DelightedSyncScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DelightedSyncScheduler.name);
  private ticking = false;
  /** Set once the service stops (also when it fails to listen right after booting). */
  private stopping = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly sources: DelightedSourcesRepository,
    private readonly sync: DelightedSyncService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.delightedSyncEnabled) return;
    void this.checkDemoSources().catch((error: unknown) => {
      // A service that stops right after booting (a port in use) closes the database under it.
      if (!this.stopping)
        this.logger.warn(`start-up check of demo sources failed: ${String(error)}`);
    });
    const job = CronJob.from({
      cronTime: this.config.delightedSyncCron,
      onTick: () => void this.tick(),
    });
    this.registry.addCronJob('delighted-sync', job);
    job.start();
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * At start, a sync of each demo source (`npm run demo`'s): one whose simulator is not running
   * (a later `npm start` on the demo's data folder) is skipped at once and shown as DEMO_OFFLINE
   * with a plain notice, rather than failing on its next scheduled run after retries.
   */
  async checkDemoSources(): Promise<void> {
    for (const source of await this.sources.listSyncable('DEMO')) {
      if (this.stopping) return;
      try {
        const run = await this.sync.sync(source.environmentId, 'STARTUP');
        // Another instance (or a sync started by hand) holds the source: its run is the check,
        // so wait for it to end rather than report the source before it is marked.
        if (run?.outcome === 'RUNNING')
          await this.sync.awaitRunEnd(source.environmentId, run.id, DEMO_CHECK_WAIT_MS);
      } catch (error) {
        if (!this.stopping)
          this.logger.warn(
            `start-up check of demo source ${source.environmentId} failed: ${String(error)}`,
          );
      }
    }
  }

  /** One pass over the sources; a source already syncing elsewhere is left to that run. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const source of await this.sources.listSyncable()) {
        await this.sync.sync(source.environmentId, 'SCHEDULE').catch((error: unknown) => {
          this.logger.error(
            `scheduled sync of environment ${source.environmentId} failed: ${String(error)}`,
          );
        });
      }
    } finally {
      this.ticking = false;
    }
  }
}
