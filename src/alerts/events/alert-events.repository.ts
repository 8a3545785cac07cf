import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bindNamed } from '../../database/named-sql';
import type { AlertKind } from '../rules/alert-rule.entity';
import type { AlertFigures } from './alert-figures';

/** An event about to be written: its insert-once key, evaluation time and figures. */
export interface NewAlertEvent {
  dedupeKey: string;
  evaluatedAt: Date;
  figures: AlertFigures;
}

export interface StoredAlertEvent {
  id: string;
  environmentId: string;
  ruleId: string;
  kind: AlertKind;
  evaluatedAt: Date;
  firedAt: Date;
  figures: AlertFigures;
}

export interface StoredDelivery {
  eventId: string;
  destinationId: string;
  kind: string;
  url: string | null;
  emailTo: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
}

const EVENT_COLUMNS = `e.id, e.environment_id AS "environmentId", e.rule_id AS "ruleId", e.kind,
  e.evaluated_at AS "evaluatedAt", e.fired_at AS "firedAt", e.figures`;

/** Alert events and, in the same statement, their outbox rows; the event history. */
@Injectable()
export class AlertEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts events of one rule (each at most once per dedupe key) and one PENDING delivery per
   * (event, destination of the rule), in the caller's transaction. Returns the events inserted
   * now; keys already fired are skipped.
   */
  async insertWithDeliveries(
    manager: EntityManager,
    environmentId: string,
    ruleId: string,
    kind: AlertKind,
    events: readonly NewAlertEvent[],
  ): Promise<StoredAlertEvent[]> {
    if (events.length === 0) return [];
    const { text, values } = bindNamed(
      `-- One row per event inserted now (a dedupe key already present inserts nothing).
       WITH input AS (
         SELECT * FROM unnest(:dedupeKeys::text[], :evaluatedAts::timestamptz[], :figures::jsonb[])
                AS t(dedupe_key, evaluated_at, figures)
       ),
       e AS (
         INSERT INTO alert_events (environment_id, rule_id, kind, dedupe_key, evaluated_at, figures)
         SELECT :environmentId, :ruleId, :kind, dedupe_key, evaluated_at, figures FROM input
         ON CONFLICT (environment_id, rule_id, dedupe_key) DO NOTHING
         RETURNING *
       ),
       outbox AS (
         INSERT INTO alert_deliveries (environment_id, event_id, destination_id, webhook_id)
         SELECT e.environment_id, e.id, d.id, 'msg_' || replace(gen_random_uuid()::text, '-', '')
           FROM e JOIN alert_destinations d ON d.environment_id = e.environment_id AND d.rule_id = e.rule_id
         RETURNING event_id
       )
       SELECT ${EVENT_COLUMNS} FROM e ORDER BY e.id`,
      {
        environmentId,
        ruleId,
        kind,
        dedupeKeys: events.map((event) => event.dedupeKey),
        evaluatedAts: events.map((event) => event.evaluatedAt.toISOString()),
        figures: events.map((event) => JSON.stringify(event.figures)),
      },
    );
    return manager.query(text, values);
  }

  /** Runs `work` in one transaction (an event, its deliveries and the rule's new state commit together). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Events of the environment, newest first, optionally of one rule, after the cursor
   * (fired_at, id): one row per event.
   */
  async list(
    environmentId: string,
    ruleId: string | null,
    after: { firedAt: string; id: string } | null,
    limit: number,
  ): Promise<StoredAlertEvent[]> {
    const { text, values } = bindNamed(
      `SELECT ${EVENT_COLUMNS} FROM alert_events e
        WHERE e.environment_id = :environmentId
          AND (:ruleId::bigint IS NULL OR e.rule_id = :ruleId::bigint)
          AND (:afterTime::timestamptz IS NULL OR (e.fired_at, e.id) < (:afterTime::timestamptz, :afterId::bigint))
        ORDER BY e.fired_at DESC, e.id DESC
        LIMIT :limit`,
      {
        environmentId,
        ruleId,
        afterTime: after?.firedAt ?? null,
        afterId: after?.id ?? null,
        limit,
      },
    );
    return this.dataSource.query(text, values);
  }

  /** One row: how many events the environment (or one rule) has. */
  async count(environmentId: string, ruleId: string | null): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM alert_events
        WHERE environment_id = $1 AND ($2::bigint IS NULL OR rule_id = $2::bigint)`,
      [environmentId, ruleId],
    );
    return row.count;
  }

  /** One row per delivery of the events, with its destination, in destination order. */
  async deliveriesOf(
    environmentId: string,
    eventIds: readonly string[],
  ): Promise<StoredDelivery[]> {
    if (eventIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT o.event_id AS "eventId", o.destination_id AS "destinationId", d.kind, d.url, d.email_to AS "emailTo",
              o.status, o.attempts, o.last_error AS "lastError", o.last_status AS "lastStatus",
              o.delivered_at AS "deliveredAt", o.next_attempt_at AS "nextAttemptAt"
         FROM alert_deliveries o
         JOIN alert_destinations d ON d.environment_id = o.environment_id AND d.id = o.destination_id
        WHERE o.environment_id = $1 AND o.event_id = ANY($2::bigint[])
        ORDER BY o.event_id, d.position`,
      [environmentId, eventIds],
    );
  }
}
