import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accountRevenueSql, accountSql } from './account-columns.sql';
import { lockEnvironmentForWrite } from './environment-write-lock';
import { matchResponsesForEmails, normalisedEmailSql } from './survey-matching.sql';
import type { UserPropertyCondition } from './user-filter.sql';
import { userFilterSql } from './user-filter.sql';

export interface UserRow {
  id: string;
  identity: string;
  properties: Record<string, string | number>;
  firstSeen: Date;
  lastSeen: Date;
}

const USER_COLUMNS = `u.id, u.identity, u.properties, u.first_seen AS "firstSeen", u.last_seen AS "lastSeen"`;

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Rows: up to `limit` users of the environment matching the conditions, by id, after `afterId`. */
  async listPage(
    environmentId: string,
    conditions: readonly UserPropertyCondition[],
    afterId: string | null,
    limit: number,
  ): Promise<UserRow[]> {
    const params: unknown[] = [environmentId, afterId, limit];
    const filter = userFilterSql(conditions, 'u', params);
    return this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u
        WHERE u.environment_id = $1 AND ($2::bigint IS NULL OR u.id > $2::bigint) AND ${filter}
        ORDER BY u.id LIMIT $3`,
      params,
    );
  }

  /** One row: the number of users of the environment matching the conditions. */
  async count(
    environmentId: string,
    conditions: readonly UserPropertyCondition[],
  ): Promise<number> {
    const params: unknown[] = [environmentId];
    const filter = userFilterSql(conditions, 'u', params);
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM users u WHERE u.environment_id = $1 AND ${filter}`,
      params,
    );
    return row.count;
  }

  /** At most one row: the user with this identity (identities are case-sensitive). */
  async findByIdentity(environmentId: string, identity: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.environment_id = $1 AND u.identity = $2`,
      [environmentId, identity],
    );
    return rows[0] ?? null;
  }

  /**
   * Merges properties into users, creating unknown identities, in one transaction. `users` must
   * hold each identity once. Keeps each user's normalised email and account columns in step with the environment's properties.
   * Returns how many users were created.
   */
  async upsertProperties(
    environmentId: string,
    users: ReadonlyArray<{ identity: string; properties: Record<string, string | number> }>,
  ): Promise<{ created: number; updated: number }> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, environmentId, 'shared');
      const rows: Array<{ inserted: boolean; email_normalized: string | null }> =
        await manager.query(
          `WITH settings AS (SELECT email_property, account_property, revenue_property FROM environments WHERE id = $1),
         input AS (
           SELECT * FROM unnest($2::text[], $3::jsonb[]) AS t(identity, properties)
         )
         INSERT INTO users AS u (environment_id, identity, properties, email_normalized, account, account_revenue,
                                 first_seen, last_seen)
         SELECT $1, i.identity, i.properties,
                ${normalisedEmailSql('(SELECT email_property FROM settings)', 'i.identity', 'i.properties')},
                ${accountSql('(SELECT account_property FROM settings)', 'i.properties')},
                ${accountRevenueSql('(SELECT revenue_property FROM settings)', 'i.properties')},
                now(), now()
           FROM input i ORDER BY i.identity
         ON CONFLICT (environment_id, identity) DO UPDATE
           SET properties = u.properties || excluded.properties,
               email_normalized = ${normalisedEmailSql(
                 '(SELECT email_property FROM settings)',
                 'u.identity',
                 '(u.properties || excluded.properties)',
               )},
               account = ${accountSql('(SELECT account_property FROM settings)', '(u.properties || excluded.properties)')},
               account_revenue = ${accountRevenueSql(
                 '(SELECT revenue_property FROM settings)',
                 '(u.properties || excluded.properties)',
               )}
         RETURNING (xmax = 0) AS inserted, u.email_normalized`,
          [
            environmentId,
            users.map((user) => user.identity),
            users.map((user) => JSON.stringify(user.properties)),
          ],
        );
      await matchResponsesForEmails(
        manager,
        environmentId,
        rows.map((row) => row.email_normalized),
      );
      const created = rows.filter((row) => row.inserted).length;
      return { created, updated: rows.length - created };
    });
  }
}
