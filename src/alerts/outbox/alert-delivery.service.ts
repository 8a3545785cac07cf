import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { SecretBox } from '../../crypto/secret-box';
import { AlertMessage, dashboardUrl } from '../destinations/alert-message';
import { DestinationSender } from '../destinations/destination-sender';
import { ClaimedDelivery, DeliveryOutcome, OutboxRepository } from './outbox.repository';
import { retryDelayMs } from './retry-schedule';

/**
 * Sends due deliveries of the outbox: claims them, sends each once, records each outcome under
 * its claim. A crash after sending and before recording leaves the claim to expire, and the next
 * claim sends again with the same webhook-id (at-least-once; receivers deduplicate on the id).
 */
@Injectable()
export class AlertDeliveryService {
  private readonly logger = new Logger(AlertDeliveryService.name);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly sender: DestinationSender,
    private readonly secrets: SecretBox,
  ) {}

  /** Claims up to `limit` due deliveries for this instance (hidden from others for the lease). */
  claim(limit: number): Promise<ClaimedDelivery[]> {
    return this.outbox.claim(limit, this.config.alerts.deliveryLeaseSeconds, randomUUID());
  }

  /**
   * Records the outcomes of attempts in one statement; a delivery whose claim ran out meanwhile
   * records nothing and is sent again by the next claim, with the same webhook-id.
   */
  async record(outcomes: DeliveryOutcome[]): Promise<void> {
    const recorded = await this.outbox.record(outcomes);
    for (const { delivery } of outcomes)
      if (!recorded.has(String(delivery.id)))
        this.logger.warn(
          `alert delivery ${delivery.id}: the claim ran out before the outcome was recorded; another attempt follows`,
        );
  }

  /** The message of a claimed delivery, as every destination kind describes it. */
  messageOf(delivery: ClaimedDelivery): AlertMessage {
    const base = {
      eventId: delivery.eventId,
      environmentId: delivery.environmentId,
      ruleId: delivery.ruleId,
      kind: delivery.kind,
      firedAt: new Date(delivery.firedAt),
      figures: delivery.figures,
    };
    return { ...base, dashboardUrl: dashboardUrl(this.config.publicUrl, base) };
  }

  /** Sends one claimed delivery once; the outcome to record. Never throws. */
  async attempt(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
    const { destination } = delivery;
    let result;
    try {
      result = await this.sender.send(
        {
          kind: destination.kind,
          url: destination.url,
          emailTo: destination.emailTo,
          secret: destination.secretCiphertext
            ? this.secrets.decrypt(destination.secretCiphertext)
            : null,
        },
        this.messageOf(delivery),
        delivery.webhookId,
      );
    } catch (error) {
      result = {
        verdict: 'retry' as const,
        status: null,
        error: `Unexpected error: ${(error as Error).message}`,
        retryAfterSeconds: null,
      };
    }
    const policy = {
      baseSeconds: this.config.alerts.retryBaseSeconds,
      maxAttempts: this.config.alerts.maxAttempts,
    };
    const delay =
      result.verdict === 'retry'
        ? retryDelayMs(delivery.attempts, policy, result.retryAfterSeconds)
        : null;
    const status =
      result.verdict === 'delivered' ? 'DELIVERED' : delay === null ? 'FAILED' : 'PENDING';
    if (status !== 'DELIVERED')
      this.logger.warn(
        `alert delivery ${delivery.id} (${destination.kind}) attempt ${delivery.attempts}: ${result.error}${status === 'PENDING' ? `; next try in ${Math.round(delay! / 1000)} s` : '; given up'}`,
      );
    return {
      delivery,
      status,
      httpStatus: result.status,
      error: result.error,
      retryAt: delay === null ? null : new Date(Date.now() + delay),
    };
  }
}
