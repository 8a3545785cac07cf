import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AlertDeliveryService } from './alert-delivery.service';
import type { ClaimedDelivery, DeliveryOutcome } from './outbox.repository';

/**
 * The sender of one instance (ALERTS_DELIVERY_ENABLED): keeps up to ALERTS_DELIVERY_CONCURRENCY
 * deliveries in flight, each sent on its own so a slow destination holds only its own slot. It
 * claims again once a quarter of the slots are free, and records the outcomes that finished
 * while the previous record ran in one statement, so the database sees two statements per batch,
 * not per delivery. With nothing due it waits ALERTS_DELIVERY_POLL_MS or until `kick`.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private stopped = true;
  private loop: Promise<void> | null = null;
  /** Claimed and not yet recorded. */
  private inFlight = 0;
  private readonly finished: DeliveryOutcome[] = [];
  private recording: Promise<void> | null = null;
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

  /** Stops claiming and waits until every delivery in flight is sent and recorded. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.loop;
  }

  /** New deliveries were written: look now instead of at the next poll. */
  kick(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const slots = this.config.alerts.deliveryConcurrency;
    const batch = Math.max(1, Math.floor(slots / 4));
    while (!this.stopped) {
      const room = slots - this.inFlight;
      let claimed: ClaimedDelivery[] = [];
      try {
        if (room > 0) claimed = await this.delivery.claim(room);
      } catch (error) {
        this.logger.error(`claiming alert deliveries failed: ${String(error)}`);
      }
      for (const delivery of claimed) this.send(delivery);
      if (this.stopped) break;
      // All of `room` claimed: more may be due, so claim again once a batch of slots is free.
      if (claimed.length === room && room > 0)
        await this.waitFor(() => slots - this.inFlight >= batch);
      else await this.nap(this.config.alerts.deliveryPollMs);
    }
    await this.waitFor(() => this.inFlight === 0);
  }

  private send(delivery: ClaimedDelivery): void {
    this.inFlight += 1;
    void this.delivery.attempt(delivery).then((outcome) => {
      this.finished.push(outcome);
      this.recording ??= this.recordFinished();
    });
  }

  /** Records what finished, again while more finished during the last record. */
  private async recordFinished(): Promise<void> {
    while (this.finished.length > 0) {
      const outcomes = this.finished.splice(0);
      try {
        await this.delivery.record(outcomes);
      } catch (error) {
        // Unrecorded claims run out and are sent again with the same webhook-id: none is lost.
        this.logger.error(`recording ${outcomes.length} alert deliveries failed: ${String(error)}`);
      }
      this.inFlight -= outcomes.length;
      this.wake?.();
    }
    this.recording = null;
  }

  /** Waits `ms`, or less when woken (a kick, a record). */
  private nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.wake = null));
  }

  /** Waits until `done()` holds, looking again after every record. */
  private async waitFor(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
  }
}
