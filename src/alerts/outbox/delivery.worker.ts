import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AlertDeliveryService } from './alert-delivery.service';

/**
 * The loops of one instance that send alert deliveries (ALERTS_DELIVERY_ENABLED): up to four,
 * sharing ALERTS_DELIVERY_CONCURRENCY, so a slow batch does not stop the others; each sends batch
 * after batch while there are due deliveries, else pauses ALERTS_DELIVERY_POLL_MS or until `kick`.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private stopped = true;
  private loops: Array<Promise<void>> = [];
  private readonly wakers = new Set<() => void>();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly delivery: AlertDeliveryService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.alerts.deliveryEnabled) return;
    this.stopped = false;
    const concurrency = this.config.alerts.deliveryConcurrency;
    const loops = Math.min(4, concurrency);
    this.loops = Array.from({ length: loops }, () => this.run(Math.ceil(concurrency / loops)));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.kick();
    await Promise.all(this.loops);
  }

  /** New deliveries were written: look now instead of at the next poll. */
  kick(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private async run(batch: number): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.delivery.deliverDue(batch);
      } catch (error) {
        this.logger.error(`alert delivery batch failed: ${String(error)}`);
      }
      if (sent === 0 && !this.stopped) await this.pause(this.config.alerts.deliveryPollMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
