import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { lockEnvironmentForWrite, normalisedEmailSql } from '../database/environment-write-lock';
import { matchResponsesForEmails } from '../surveys/survey-matching.sql';
import type { UserPropertyCondition } from '../users/user-filter.input';
import { userFilterSql } from '../users/user-filter.sql';

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

@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes a batch of tracked events in one transaction: creates unknown users, widens their
   * first/last seen, inserts the events and bumps the per-name rollup. Events whose idempotency
   * key was already stored (or repeats earlier in the batch) change nothing, not even the user.
   * Returns how many events were inserted.
   */
  async insertTracked(
    environmentId: string,
    events: readonly TrackedEvent[],
    source: string,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, environmentId, 'shared');
      const [row] = await manager.query(
        `WITH settings AS (SELECT email_property FROM environments WHERE id = $1),
         input AS (
           SELECT * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[])
             WITH ORDINALITY AS t(identity, name, time, properties, idempotency_key, position)
         ),
         fresh AS (
           -- LATERAL … LIMIT 1 keeps this a per-row probe of the unique index whatever the
           -- statistics say (a stale plan would hash every event of the environment per batch).
           SELECT DISTINCT ON (coalesce(i.idempotency_key, 'position:' || i.position)) i.*
             FROM input i
             LEFT JOIN LATERAL (
               SELECT 1 AS hit FROM events e
                WHERE e.environment_id = $1 AND e.idempotency_key = i.idempotency_key LIMIT 1
             ) seen ON TRUE
            WHERE seen.hit IS NULL
            ORDER BY coalesce(i.idempotency_key, 'position:' || i.position), i.position
         ),
         upserted_users AS (
           INSERT INTO users AS u (environment_id, identity, email_normalized, first_seen, last_seen)
           SELECT $1, f.identity,
                  ${normalisedEmailSql('(SELECT email_property FROM settings)', 'f.identity', "'{}'::jsonb")},
                  min(f.time), max(f.time)
             FROM fresh f GROUP BY f.identity ORDER BY f.identity
           ON CONFLICT (environment_id, identity) DO UPDATE
             SET first_seen = least(u.first_seen, excluded.first_seen),
                 last_seen = greatest(u.last_seen, excluded.last_seen)
           RETURNING u.id, u.identity, u.email_normalized, (xmax = 0) AS created
         ),
         inserted AS (
           INSERT INTO events (environment_id, user_id, name, time, properties, source, idempotency_key)
           SELECT $1, uu.id, f.name, f.time, f.properties, $7, f.idempotency_key
             FROM fresh f JOIN upserted_users uu ON uu.identity = f.identity
            ORDER BY f.position
           ON CONFLICT (environment_id, idempotency_key) DO NOTHING
           RETURNING name, time
         ),
         rolled_up AS (
           INSERT INTO event_types AS et (environment_id, name, count, last_seen)
           SELECT $1, name, count(*), max(time) FROM inserted GROUP BY name ORDER BY name
           ON CONFLICT (environment_id, name) DO UPDATE
             SET count = et.count + excluded.count, last_seen = greatest(et.last_seen, excluded.last_seen)
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM rolled_up) AS types,
                (SELECT array_agg(email_normalized) FROM upserted_users
                  WHERE created AND email_normalized IS NOT NULL) AS new_emails`,
        [
          environmentId,
          events.map((event) => event.identity),
          events.map((event) => event.name),
          events.map((event) => event.time.toISOString()),
          events.map((event) => JSON.stringify(event.properties)),
          events.map((event) => event.idempotencyKey),
          source,
        ],
      );
      // Users created with an email (email property "identity") may be waiting respondents.
      if (row.new_emails) await matchResponsesForEmails(manager, environmentId, row.new_emails);
      return row.inserted as number;
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
