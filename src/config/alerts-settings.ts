import { CronTime } from 'cron';
import { EnvReader } from './env-reader';

export interface AlertsSettings {
  /** ALERTS_EVALUATE_CRON: when every environment's alert rules are evaluated. */
  readonly evaluateCron: string;
  /** ALERTS_SCHEDULE_ENABLED: false stops the evaluation schedule (on-demand and after-sync remain). */
  readonly scheduleEnabled: boolean;
  /** ALERTS_DELIVERY_ENABLED: false: this instance writes deliveries but never sends them. */
  readonly deliveryEnabled: boolean;
  /** ALERTS_RETRY_BASE_SECONDS: the first back-off; doubled each attempt, ±20 % jitter. */
  readonly retryBaseSeconds: number;
  /** ALERTS_MAX_ATTEMPTS: attempts of one delivery before it is FAILED. */
  readonly maxAttempts: number;
  /** ALERTS_ALLOW_PRIVATE_URLS: plain http and private, loopback, link-local addresses allowed. */
  readonly allowPrivateUrls: boolean;
  /** ALERTS_DELIVERY_TIMEOUT_MS: one webhook or Slack request, headers and body. */
  readonly deliveryTimeoutMs: number;
  /** ALERTS_DELIVERY_LEASE_SECONDS: a claimed delivery not recorded by then is claimed again. */
  readonly deliveryLeaseSeconds: number;
  /** ALERTS_DELIVERY_POLL_MS: how often an instance looks for due deliveries. */
  readonly deliveryPollMs: number;
  /** ALERTS_DELIVERY_CONCURRENCY: deliveries one instance sends at once. */
  readonly deliveryConcurrency: number;
}

/** The ALERTS_* variables (README configuration table). */
export function readAlertsSettings(reader: EnvReader): AlertsSettings {
  const evaluateCron = reader.text('ALERTS_EVALUATE_CRON') ?? '*/5 * * * *';
  if (!CronTime.validateCronExpression(evaluateCron).valid)
    reader.refuse(
      `ALERTS_EVALUATE_CRON="${evaluateCron}" must be a cron expression such as "*/5 * * * *"`,
    );
  const deliveryTimeoutMs = reader.integer('ALERTS_DELIVERY_TIMEOUT_MS', 10_000, 100, 120_000);
  const deliveryLeaseSeconds = reader.integer('ALERTS_DELIVERY_LEASE_SECONDS', 120, 1, 3600);
  if (deliveryLeaseSeconds * 1000 <= deliveryTimeoutMs)
    reader.refuse(
      `ALERTS_DELIVERY_LEASE_SECONDS (${deliveryLeaseSeconds}) must be longer than ALERTS_DELIVERY_TIMEOUT_MS (${deliveryTimeoutMs} ms), or a slow delivery would be sent twice`,
    );
  return {
    evaluateCron,
    scheduleEnabled: reader.boolean('ALERTS_SCHEDULE_ENABLED', true),
    deliveryEnabled: reader.boolean('ALERTS_DELIVERY_ENABLED', true),
    retryBaseSeconds: reader.integer('ALERTS_RETRY_BASE_SECONDS', 30, 0, 3600),
    maxAttempts: reader.integer('ALERTS_MAX_ATTEMPTS', 8, 1, 50),
    allowPrivateUrls: reader.boolean('ALERTS_ALLOW_PRIVATE_URLS', false),
    deliveryTimeoutMs,
    deliveryLeaseSeconds,
    deliveryPollMs: reader.integer('ALERTS_DELIVERY_POLL_MS', 1000, 10, 600_000),
    deliveryConcurrency: reader.integer('ALERTS_DELIVERY_CONCURRENCY', 32, 1, 256),
  };
}
