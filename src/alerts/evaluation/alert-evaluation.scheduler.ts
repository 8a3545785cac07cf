import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../../config/app-config';
import { AlertEvaluationService } from './alert-evaluation.service';

/** Thin cron job: on ALERTS_EVALUATE_CRON, evaluates every environment's rules through the service. */
@Injectable()
export class AlertEvaluationScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertEvaluationScheduler.name);
  private ticking = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly evaluation: AlertEvaluationService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.alerts.scheduleEnabled) return;
    const job = CronJob.from({
      cronTime: this.config.alerts.evaluateCron,
      onTick: () => void this.tick(),
    });
    this.registry.addCronJob('alerts-evaluate', job);
    job.start();
  }

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.evaluation.evaluateAll();
    } catch (error) {
      this.logger.error(`scheduled alert evaluation failed: ${String(error)}`);
    } finally {
      this.ticking = false;
    }
  }
}
