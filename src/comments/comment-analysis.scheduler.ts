import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { CommentAnalysisService } from './comment-analysis.service';

/** Thin cron job: on COMMENT_ANALYSIS_CRON, runs every unfinished comment analysis job. */
@Injectable()
export class CommentAnalysisScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CommentAnalysisScheduler.name);
  private ticking = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly analysis: CommentAnalysisService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.commentAnalysisEnabled) return;
    const job = CronJob.from({
      cronTime: this.config.commentAnalysisCron,
      onTick: () => void this.tick(),
    });
    this.registry.addCronJob('comment-analysis', job);
    job.start();
  }

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.analysis.runAll();
    } catch (error) {
      this.logger.error(`comment analysis failed: ${String(error)}`);
    } finally {
      this.ticking = false;
    }
  }
}
