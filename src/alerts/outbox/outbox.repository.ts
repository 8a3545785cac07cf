import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returnedRows } from '../../database/returned-rows';
import type { AlertFigures } from '../events/alert-figures';
import type { AlertDestinationEntity } from '../rules/alert-destination.entity';
import type { AlertKind } from '../rules/alert-rule.entity';

/** A delivery claimed by this worker, with what is needed to send it. */
export interface ClaimedDelivery {
  environmentId: string;
  id: string;
  claimToken: string;
  webhookId: string;
  attempts: number;
  eventId: string;
  ruleId: string;
  kind: AlertKind;
  firedAt: Date;
  figures: AlertFigures;
  destination: Pick<AlertDestinationEntity, 'kind' | 'url' | 'emailTo' | 'secretCiphertext'>;
}

/** What one attempt showed, to be recorded under its claim. */
export interface DeliveryOutcome {
  delivery: Pick<ClaimedDelivery, 'environmentId' | 'id' | 'claimToken'>;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  httpStatus: number | null;
  error: string | null;
  retryAt: Date | null;
}

/** The outbox of alert deliveries: claim, then record the outcome under the claim's token. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due deliveries (PENDING, next_attempt_at reached: new, retrying, or left
   * by a worker whose lease ran out) for `leaseSeconds`: they are hidden from other workers until
   * then, their attempt counted. SKIP LOCKED lets several instances claim at once, never the same
   * row. One row per claimed delivery.
   */
  async claim(limit: number, leaseSeconds: number, token: string): Promise<ClaimedDelivery[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH due AS (
         SELECT environment_id, id FROM alert_deliveries
          WHERE status = 'PENDING' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ),
       claimed AS (
         UPDATE alert_deliveries o
            SET next_attempt_at = now() + make_interval(secs => $2), claim_token = $3, attempts = o.attempts + 1
           FROM due WHERE o.environment_id = due.environment_id AND o.id = due.id
         RETURNING o.*
       )
       SELECT c.environment_id AS "environmentId", c.id, c.claim_token AS "claimToken", c.webhook_id AS "webhookId",
              c.attempts, e.id AS "eventId", e.rule_id AS "ruleId", e.kind, e.fired_at AS "firedAt", e.figures,
              d.kind AS "destinationKind", d.url, d.email_to AS "emailTo", d.secret_ciphertext AS "secretCiphertext"
         FROM claimed c
         JOIN alert_events e ON e.environment_id = c.environment_id AND e.id = c.event_id
         JOIN alert_destinations d ON d.environment_id = c.environment_id AND d.id = c.destination_id`,
      [limit, leaseSeconds, token],
    );
    return rows.map((row) => ({
      environmentId: row.environmentId as string,
      id: row.id as string,
      claimToken: row.claimToken as string,
      webhookId: row.webhookId as string,
      attempts: row.attempts as number,
      eventId: row.eventId as string,
      ruleId: row.ruleId as string,
      kind: row.kind as AlertKind,
      firedAt: row.firedAt as Date,
      figures: row.figures as AlertFigures,
      destination: {
        kind: row.destinationKind as AlertDestinationEntity['kind'],
        url: row.url as string | null,
        emailTo: row.emailTo as string | null,
        secretCiphertext: row.secretCiphertext as string | null,
      },
    }));
  }

  /**
   * Records the outcomes of a batch's attempts in one statement, each only while its claim is
   * still this worker's (a worker that outlived its lease records nothing; the new claim's attempt
   * does). `retryAt` null: final. Returns the ids recorded, one row each.
   */
  async record(outcomes: DeliveryOutcome[]): Promise<Set<string>> {
    if (outcomes.length === 0) return new Set();
    const rows = await returnedRows<{ id: string }>(
      this.dataSource,
      `UPDATE alert_deliveries o
          SET status = r.status, last_status = r.http_status, last_error = r.error,
              next_attempt_at = coalesce(r.retry_at, o.next_attempt_at),
              delivered_at = CASE WHEN r.status = 'DELIVERED' THEN now() ELSE o.delivered_at END,
              claim_token = NULL
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[],
                     $7::timestamptz[]) AS r(environment_id, id, claim_token, status, http_status, error, retry_at)
        WHERE o.environment_id = r.environment_id AND o.id = r.id AND o.claim_token = r.claim_token
          AND o.status = 'PENDING'
        RETURNING o.id::text AS id`,
      [
        outcomes.map((outcome) => outcome.delivery.environmentId),
        outcomes.map((outcome) => outcome.delivery.id),
        outcomes.map((outcome) => outcome.delivery.claimToken),
        outcomes.map((outcome) => outcome.status),
        outcomes.map((outcome) => outcome.httpStatus),
        outcomes.map((outcome) => outcome.error),
        outcomes.map((outcome) => outcome.retryAt?.toISOString() ?? null),
      ],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** One row: deliveries still PENDING (all environments, or one). */
  async pendingCount(environmentId: string | null = null): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM alert_deliveries
        WHERE status = 'PENDING' AND ($1::bigint IS NULL OR environment_id = $1::bigint)`,
      [environmentId],
    );
    return row.count;
  }
}
