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
 * The loop of one instance that sends alert deliveries (ALERTS_DELIVERY_ENABLED): batches back to
 * back while there are due deliveries, else a pause of ALERTS_DELIVERY_POLL_MS or until `kick`.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly delivery: AlertDeliveryService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.alerts.deliveryEnabled) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** New deliveries were written: look now instead of at the next poll. */
  kick(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.delivery.deliverDue();
      } catch (error) {
        this.logger.error(`alert delivery batch failed: ${String(error)}`);
      }
      if (sent === 0 && !this.stopped) await this.pause(this.config.alerts.deliveryPollMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
