import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { returnedRows } from '../database/returned-rows';
import { accountRevenueSql, accountSql } from './account-columns.sql';
import { lockEnvironmentForWrite } from './environment-write-lock';
import {
  matchWaitingResponses,
  normalisedEmailSql,
  syncSubmitSurveyEvents,
} from './survey-matching.sql';
import { EnvironmentEntity } from './environment.entity';
import { STARTER_THEMES } from '../text/starter-themes';

@Injectable()
export class EnvironmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(EnvironmentEntity);
  }

  /** A new environment with the starter theme dictionary (docs/comment-analysis.md, "Themes"). */
  insert(values: { name: string; timezone: string }): Promise<EnvironmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(EnvironmentEntity);
      const environment = await repository.save(repository.create(values));
      await manager.query(
        `INSERT INTO comment_themes (environment_id, name, patterns, position)
         SELECT $1, t.name, array(SELECT jsonb_array_elements_text(t.patterns)), t.position
           FROM jsonb_to_recordset($2::jsonb) AS t(name text, patterns jsonb, position int)`,
        [
          environment.id,
          JSON.stringify(STARTER_THEMES.map((theme, index) => ({ ...theme, position: index + 1 }))),
        ],
      );
      return environment;
    });
  }

  findById(id: string): Promise<EnvironmentEntity | null> {
    return this.repository.findOne({ where: { id } });
  }

  /** How many environments there are. */
  count(): Promise<number> {
    return this.repository.count();
  }

  /** All environments, or those with the given ids; by id. */
  list(ids?: string[]): Promise<EnvironmentEntity[]> {
    return this.repository.find({ where: ids ? { id: In(ids) } : {}, order: { id: 'ASC' } });
  }

  /**
   * Sets the email property once: null when it was already set. Under the environment's exclusive
   * write lock it also derives every user's normalised email and matches the waiting responses,
   * so no concurrent write can slip in with the old (unset) property.
   */
  async setEmailProperty(id: string, property: string): Promise<EnvironmentEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, id, 'exclusive');
      const updated = await returnedRows(
        manager,
        `UPDATE environments SET email_property = $2 WHERE id = $1 AND email_property IS NULL RETURNING id`,
        [id, property],
      );
      if (updated.length === 0) return null;
      await manager.query(
        `UPDATE users u SET email_normalized = ${normalisedEmailSql('$2', 'u.identity', 'u.properties')}
          WHERE u.environment_id = $1`,
        [id, property],
      );
      const matched = await matchWaitingResponses(manager, id, 'all');
      await syncSubmitSurveyEvents(manager, id, matched);
      return manager.getRepository(EnvironmentEntity).findOneOrFail({ where: { id } });
    });
  }

  /**
   * Sets (or changes) the account and revenue properties and recomputes every user's account
   * columns, under the environment's exclusive write lock so no write uses the old ones.
   */
  async setAccountProperties(
    id: string,
    accountProperty: string,
    revenueProperty: string | null,
  ): Promise<EnvironmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, id, 'exclusive');
      await manager.query(
        `UPDATE environments SET account_property = $2, revenue_property = $3 WHERE id = $1`,
        [id, accountProperty, revenueProperty],
      );
      await manager.query(
        `UPDATE users u SET account = ${accountSql('$2', 'u.properties')},
                account_revenue = ${accountRevenueSql('$3', 'u.properties')}
          WHERE u.environment_id = $1
            AND (u.account, u.account_revenue) IS DISTINCT FROM
                (${accountSql('$2', 'u.properties')}, ${accountRevenueSql('$3', 'u.properties')})`,
        [id, accountProperty, revenueProperty],
      );
      return manager.getRepository(EnvironmentEntity).findOneOrFail({ where: { id } });
    });
  }

  /**
   * Sets the breakdown properties: drops the rollup rows of those no longer chosen and fills those
   * newly chosen from every NPS response, under the environment's exclusive write lock so no
   * writer's trigger counts under the old list.
   */
  async setBreakdownProperties(id: string, properties: string[]): Promise<EnvironmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, id, 'exclusive');
      const [current] = await manager.query<Array<{ breakdownProperties: string[] }>>(
        `SELECT breakdown_properties AS "breakdownProperties" FROM environments WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const added = properties.filter(
        (property) => !current.breakdownProperties.includes(property),
      );
      await manager.query(`UPDATE environments SET breakdown_properties = $2 WHERE id = $1`, [
        id,
        properties,
      ]);
      await manager.query(
        `DELETE FROM property_nps_1d WHERE environment_id = $1 AND property <> ALL($2::text[])`,
        [id, properties],
      );
      if (added.length > 0) {
        await manager.query(
          `INSERT INTO property_nps_1d (environment_id, property, day, value, responses, promoters, passives,
                                        detractors, score_sum)
           SELECT r.environment_id, p.property,
                  date_bin('1 day', r.responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
                  coalesce(nullif(btrim(u.properties ->> p.property), ''), ''), count(*),
                  count(*) FILTER (WHERE r.score >= 9), count(*) FILTER (WHERE r.score BETWEEN 7 AND 8),
                  count(*) FILTER (WHERE r.score <= 6), sum(r.score)
             FROM survey_responses r
             LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
            CROSS JOIN unnest($2::text[]) AS p(property)
            WHERE r.environment_id = $1 AND r.is_nps
            GROUP BY 1, 2, 3, 4`,
          [id, added],
        );
      }
      return manager.getRepository(EnvironmentEntity).findOneOrFail({ where: { id } });
    });
  }
}
