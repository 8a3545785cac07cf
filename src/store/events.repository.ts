import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { lockEnvironmentForWrite } from './environment-write-lock';
import { matchResponsesForEmails, normalisedEmailSql } from './survey-matching.sql';
import type { UserPropertyCondition } from './user-filter.sql';
import { userFilterSql } from './user-filter.sql';

export interface TrackedEvent {
  identity: string;
  name: string;
  time: Date;
  properties: Record<string, string | number>;
  idempotencyKey: string | null;
}

export interface EventRow {
  id: string;
  name: string;
  time: Date;
  properties: Record<string, unknown>;
  source: string;
}

export interface EventTypeRow {
  name: string;
  count: number;
  lastSeen: Date;
}

export interface TrackedInsertOutcome {
  /** Events stored; the others repeated an idempotency key. */
  inserted: number;
  /** Events of the environment before this batch (from the per-name rollup). */
  eventsBefore: number;
}

/**
 * One attempt at writing a batch, as a single statement: creates unknown users, widens their
 * first/last seen, inserts the events and bumps the per-name rollup. Repeats of a key within the
 * batch are dropped here; keys already stored are found by the insert's ON CONFLICT, which always
 * probes the unique (environment_id, idempotency_key) index: a separate look-up is planned from
 * statistics, and statistics taken while the environment was empty turned it into a scan of every
 * event of the environment per key. Exported so that tests EXPLAIN exactly what runs.
 */
export function trackedInsertStatement(
  environmentId: string,
  events: readonly TrackedEvent[],
  source: string,
): { sql: string; parameters: unknown[] } {
  const sql = `WITH settings AS (SELECT email_property FROM environments WHERE id = $1),
     input AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[])
         WITH ORDINALITY AS t(identity, name, time, properties, idempotency_key, position)
     ),
     candidates AS (
       SELECT DISTINCT ON (coalesce(i.idempotency_key, 'position:' || i.position)) i.*
         FROM input i
        ORDER BY coalesce(i.idempotency_key, 'position:' || i.position), i.position
     ),
     upserted_users AS (
       INSERT INTO users AS u (environment_id, identity, email_normalized, first_seen, last_seen)
       SELECT $1, c.identity,
              ${normalisedEmailSql('(SELECT email_property FROM settings)', 'c.identity', "'{}'::jsonb")},
              min(c.time), max(c.time)
         FROM candidates c GROUP BY c.identity ORDER BY c.identity
       ON CONFLICT (environment_id, identity) DO UPDATE
         SET first_seen = least(u.first_seen, excluded.first_seen),
             last_seen = greatest(u.last_seen, excluded.last_seen)
       RETURNING u.id, u.identity, u.email_normalized, (xmax = 0) AS created
     ),
     inserted AS (
       INSERT INTO events (environment_id, user_id, name, time, properties, source, idempotency_key)
       SELECT $1, uu.id, c.name, c.time, c.properties, $7, c.idempotency_key
         FROM candidates c JOIN upserted_users uu ON uu.identity = c.identity
        ORDER BY c.position
       ON CONFLICT (environment_id, idempotency_key) DO NOTHING
       RETURNING name, time, idempotency_key
     ),
     rolled_up AS (
       INSERT INTO event_types AS et (environment_id, name, count, last_seen)
       SELECT $1, name, count(*), max(time) FROM inserted GROUP BY name ORDER BY name
       ON CONFLICT (environment_id, name) DO UPDATE
         SET count = et.count + excluded.count, last_seen = greatest(et.last_seen, excluded.last_seen)
       RETURNING 1
     ),
     counts AS (
       SELECT (SELECT count(*) FROM candidates)::int AS candidates,
              (SELECT count(*) FROM inserted)::int AS inserted
     )
     SELECT counts.candidates, counts.inserted, (SELECT count(*) FROM rolled_up) AS types,
            CASE WHEN counts.inserted < counts.candidates THEN
              (SELECT array_agg(idempotency_key) FROM inserted WHERE idempotency_key IS NOT NULL)
            END AS inserted_keys,
            (SELECT array_agg(email_normalized) FROM upserted_users
              WHERE created AND email_normalized IS NOT NULL) AS new_emails,
            (SELECT coalesce(sum(count), 0) FROM event_types WHERE environment_id = $1)::text
              AS events_before
       FROM counts`;
  const parameters = [
    environmentId,
    events.map((event) => event.identity),
    events.map((event) => event.name),
    events.map((event) => event.time.toISOString()),
    events.map((event) => JSON.stringify(event.properties)),
    events.map((event) => event.idempotencyKey),
    source,
  ];
  return { sql, parameters };
}

/** SQLSTATE of a transaction PostgreSQL rolled back to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

interface AttemptRow {
  candidates: number;
  inserted: number;
  inserted_keys: string[] | null;
  new_emails: string[] | null;
  events_before: string;
}

@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes a batch of tracked events in one transaction (see trackedInsertStatement). Events whose
   * idempotency key was already stored (or repeats earlier in the batch) change nothing, not even
   * the user: when the insert skips any, the attempt is rolled back and repeated with only the
   * events that went in, so users and rollups never count a duplicate.
   */
  async insertTracked(
    environmentId: string,
    events: readonly TrackedEvent[],
    source: string,
  ): Promise<TrackedInsertOutcome> {
    // A batch locks its users in identity order, a response writer its users in id order (and
    // over several statements): the two can deadlock, and PostgreSQL then rolls one back whole.
    // The batch wrote nothing then, so it is simply written again (a bounded number of times).
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insertTrackedOnce(environmentId, events, source);
      } catch (error) {
        const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
        if ((code ?? driverError?.code) !== DEADLOCK_DETECTED || attempt >= 3) throw error;
      }
    }
  }

  private insertTrackedOnce(
    environmentId: string,
    events: readonly TrackedEvent[],
    source: string,
  ): Promise<TrackedInsertOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, environmentId, 'shared');
      let batch = events;
      for (;;) {
        await manager.query('SAVEPOINT tracked_batch');
        const { sql, parameters } = trackedInsertStatement(environmentId, batch, source);
        const [row]: AttemptRow[] = await manager.query(sql, parameters);
        const eventsBefore = Number(row.events_before);
        if (row.inserted === row.candidates) {
          await manager.query('RELEASE SAVEPOINT tracked_batch');
          // Users created with an email (email property "identity") may be waiting respondents.
          if (row.new_emails) await matchResponsesForEmails(manager, environmentId, row.new_emails);
          return { inserted: row.inserted, eventsBefore };
        }
        // Some keys were stored already, or by a concurrent batch meanwhile; every attempt
        // drops at least one event, so this ends.
        await manager.query('ROLLBACK TO SAVEPOINT tracked_batch');
        const fresh = new Set(row.inserted_keys ?? []);
        batch = batch.filter(
          (event) => event.idempotencyKey === null || fresh.has(event.idempotencyKey),
        );
        if (batch.length === 0) return { inserted: 0, eventsBefore };
      }
    });
  }

  /** Up to `limit` events of one user, newest first, strictly after the (time, id) cursor. */
  async listForUser(
    environmentId: string,
    userId: string,
    after: { time: string; id: string } | null,
    limit: number,
  ): Promise<EventRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.name, e.time, e.properties, e.source FROM events e
        WHERE e.environment_id = $1 AND e.user_id = $2
          AND ($3::timestamptz IS NULL OR (e.time, e.id) < ($3::timestamptz, $4::bigint))
        ORDER BY e.time DESC, e.id DESC LIMIT $5`,
      [environmentId, userId, after?.time ?? null, after?.id ?? null, limit],
    );
  }

  /** One row: how many events the user has. */
  async countForUser(environmentId: string, userId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM events WHERE environment_id = $1 AND user_id = $2`,
      [environmentId, userId],
    );
    return row.count;
  }

  /** One row per event name of the environment, with its count and last time, most frequent first. */
  async listTypes(environmentId: string): Promise<EventTypeRow[]> {
    const rows: Array<{ name: string; count: string; lastSeen: Date }> =
      await this.dataSource.query(
        `SELECT name, count, last_seen AS "lastSeen" FROM event_types
        WHERE environment_id = $1 ORDER BY count DESC, name`,
        [environmentId],
      );
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }

  /**
   * Like listTypes, counted over the events of the users matching `conditions` only (the rollup
   * counts everyone's), most frequent first.
   */
  async listTypesOfUsers(
    environmentId: string,
    conditions: readonly UserPropertyCondition[],
  ): Promise<EventTypeRow[]> {
    const params: unknown[] = [environmentId];
    const filter = userFilterSql(conditions, 'u', params);
    return this.dataSource.query(
      `SELECT e.name, count(*)::int AS count, max(e.time) AS "lastSeen"
         FROM users u
         JOIN events e ON e.environment_id = u.environment_id AND e.user_id = u.id
        WHERE u.environment_id = $1 AND ${filter}
        GROUP BY e.name ORDER BY count DESC, e.name`,
      params,
    );
  }
}
