import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { AlertRuleEntity } from '../rules/alert-rule.entity';
import type { AlertKind } from '../rules/alert-rule.entity';
import type { AlertFigures } from './alert-figures';

/**
 * One alert that fired, with the figures it fired on. `dedupe_key` makes each firing insert-once:
 * `response:<row id>` (a detractor response), `digest:<time>`, `change:<time>`.
 */
@Entity({ name: 'alert_events' })
@Unique('alert_events_rule_dedupe_key', ['environmentId', 'ruleId', 'dedupeKey'])
@Index('alert_events_environment_fired_idx', ['environmentId', 'firedAt', 'id'])
export class AlertEventEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'alert_events_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'alert_events_pkey',
  })
  id!: string;

  @Column({ name: 'rule_id', type: 'bigint' })
  ruleId!: string;

  @ManyToOne(() => AlertRuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'environment_id',
      referencedColumnName: 'environmentId',
      foreignKeyConstraintName: 'alert_events_rule_fkey',
    },
    { name: 'rule_id', referencedColumnName: 'id' },
  ])
  rule?: AlertRuleEntity;

  @Column({ type: 'text' })
  kind!: AlertKind;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  /** The evaluation time T the figures are of. */
  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', default: () => 'now()' })
  firedAt!: Date;

  @Column({ type: 'jsonb' })
  figures!: AlertFigures;
}
