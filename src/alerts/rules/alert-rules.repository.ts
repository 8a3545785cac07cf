import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../../database/returned-rows';
import { AlertDestinationEntity } from './alert-destination.entity';
import { AlertRuleEntity, AlertState } from './alert-rule.entity';

/** A rule's settings as saved (without id, state and bookkeeping). */
export type AlertRuleFields = Pick<
  AlertRuleEntity,
  | 'name'
  | 'kind'
  | 'filter'
  | 'windowDays'
  | 'baselineDays'
  | 'minResponses'
  | 'minChangePoints'
  | 'confidence'
  | 'commentRequired'
  | 'schedule'
  | 'nextDigestAt'
>;

/** A destination to save; `secretCiphertext` for a new WEBHOOK. */
export type DestinationFields = Pick<
  AlertDestinationEntity,
  'kind' | 'url' | 'emailTo' | 'secretCiphertext'
>;

export interface RuleWithDestinations {
  rule: AlertRuleEntity;
  destinations: AlertDestinationEntity[];
}

/** The oldest transaction still running: every change below it is committed or gone. */
const HORIZON = `pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

@Injectable()
export class AlertRulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The environment's rules, oldest first, each with its destinations in order. */
  async list(environmentId: string): Promise<RuleWithDestinations[]> {
    const rules = await this.dataSource.getRepository(AlertRuleEntity).find({
      where: { environmentId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return this.withDestinations(environmentId, rules);
  }

  async get(environmentId: string, id: string): Promise<RuleWithDestinations | null> {
    const rule = await this.dataSource
      .getRepository(AlertRuleEntity)
      .findOneBy({ environmentId, id });
    return rule ? (await this.withDestinations(environmentId, [rule]))[0] : null;
  }

  /** One row per environment that has at least one rule. */
  async environmentsWithRules(): Promise<string[]> {
    const rows: Array<{ environment_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT environment_id FROM alert_rules ORDER BY environment_id`,
    );
    return rows.map((row) => row.environment_id);
  }

  /** Saves a rule and its destinations together; a DETRACTOR rule starts at the current horizon. */
  async create(
    environmentId: string,
    fields: AlertRuleFields,
    destinations: readonly DestinationFields[],
  ): Promise<RuleWithDestinations> {
    return this.dataSource.transaction(async (manager) => {
      const [{ horizon }] = await manager.query(`SELECT ${HORIZON} AS horizon`);
      const rule = await manager.getRepository(AlertRuleEntity).save(
        manager.getRepository(AlertRuleEntity).create({
          environmentId,
          ...fields,
          state: 'ARMED',
          responseWatermark: fields.kind === 'DETRACTOR_RESPONSE' ? String(horizon) : null,
        }),
      );
      const saved = await this.replaceDestinations(manager, rule, destinations, []);
      return { rule, destinations: saved };
    });
  }

  /**
   * Changes a rule; destinations equal to a kept one (same kind and address) keep their id and
   * secret, the others are replaced. A changed rule re-arms.
   */
  async update(
    environmentId: string,
    id: string,
    fields: AlertRuleFields,
    destinations: readonly DestinationFields[],
  ): Promise<RuleWithDestinations | null> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(AlertRuleEntity);
      const rule = await repository.findOne({
        where: { environmentId, id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!rule) return null;
      const kindChanged = rule.kind !== fields.kind;
      Object.assign(rule, fields, { state: 'ARMED', updatedAt: new Date() });
      if (kindChanged && fields.kind === 'DETRACTOR_RESPONSE') {
        const [{ horizon }] = await manager.query(`SELECT ${HORIZON} AS horizon`);
        rule.responseWatermark = String(horizon);
      }
      await repository.save(rule);
      const existing = await manager
        .getRepository(AlertDestinationEntity)
        .find({ where: { environmentId, ruleId: id }, order: { position: 'ASC' } });
      const saved = await this.replaceDestinations(manager, rule, destinations, existing);
      return { rule, destinations: saved };
    });
  }

  /** True when the rule existed (its events and deliveries go with it). */
  async delete(environmentId: string, id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(AlertRuleEntity)
      .delete({ environmentId, id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Moves a rule from `from` to `to` in the caller's transaction; false when another evaluation
   * moved it first (so only one of two concurrent evaluations fires).
   */
  async transition(
    manager: EntityManager | null,
    rule: Pick<AlertRuleEntity, 'environmentId' | 'id'>,
    from: AlertState,
    to: AlertState,
  ): Promise<boolean> {
    const rows = await returnedRows(
      manager ?? this.dataSource,
      `UPDATE alert_rules SET state = $4, last_evaluated_at = now()
        WHERE environment_id = $1 AND id = $2 AND state = $3 RETURNING id`,
      [rule.environmentId, rule.id, from, to],
    );
    return rows.length > 0;
  }

  /** Records that the rules were evaluated (no state change). */
  async touch(environmentId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE alert_rules SET last_evaluated_at = now() WHERE environment_id = $1 AND id = ANY($2::bigint[])`,
      [environmentId, ids],
    );
  }

  /**
   * DIGEST: moves next_digest_at from `due` to `next`, in the caller's transaction; false when
   * another evaluation already did.
   */
  async advanceDigest(
    manager: EntityManager,
    rule: Pick<AlertRuleEntity, 'environmentId' | 'id'>,
    due: Date,
    next: Date,
  ): Promise<boolean> {
    const rows = await returnedRows(
      manager,
      `UPDATE alert_rules SET next_digest_at = $4, last_evaluated_at = now()
        WHERE environment_id = $1 AND id = $2 AND next_digest_at = $3 RETURNING id`,
      [rule.environmentId, rule.id, due.toISOString(), next.toISOString()],
    );
    return rows.length > 0;
  }

  private async replaceDestinations(
    manager: EntityManager,
    rule: AlertRuleEntity,
    wanted: readonly DestinationFields[],
    existing: readonly AlertDestinationEntity[],
  ): Promise<AlertDestinationEntity[]> {
    const repository = manager.getRepository(AlertDestinationEntity);
    const kept = new Set<string>();
    const result: AlertDestinationEntity[] = [];
    for (const [position, fields] of wanted.entries()) {
      const same = existing.find(
        (row) =>
          !kept.has(row.id) &&
          row.kind === fields.kind &&
          row.url === fields.url &&
          row.emailTo === fields.emailTo,
      );
      if (same) {
        kept.add(same.id);
        same.position = position;
        result.push(await repository.save(same));
      } else {
        result.push(
          await repository.save(
            repository.create({
              environmentId: rule.environmentId,
              ruleId: rule.id,
              position,
              ...fields,
            }),
          ),
        );
      }
    }
    const removed = existing.filter((row) => !kept.has(row.id)).map((row) => row.id);
    if (removed.length > 0)
      await manager.query(
        `DELETE FROM alert_destinations WHERE environment_id = $1 AND id = ANY($2::bigint[])`,
        [rule.environmentId, removed],
      );
    return result;
  }

  private async withDestinations(
    environmentId: string,
    rules: AlertRuleEntity[],
  ): Promise<RuleWithDestinations[]> {
    if (rules.length === 0) return [];
    const destinations = await this.dataSource.getRepository(AlertDestinationEntity).find({
      where: { environmentId },
      order: { position: 'ASC' },
    });
    return rules.map((rule) => ({
      rule,
      destinations: destinations.filter((destination) => destination.ruleId === rule.id),
    }));
  }
}
