import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AlertRuleEntity } from './alert-rule.entity';

export type DestinationKind = 'WEBHOOK' | 'SLACK' | 'EMAIL';

/** Where a rule's events go. A WEBHOOK's signing secret is stored encrypted (SecretBox). */
@Entity({ name: 'alert_destinations' })
@Index('alert_destinations_rule_idx', ['environmentId', 'ruleId', 'position'])
export class AlertDestinationEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'alert_destinations_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'alert_destinations_pkey',
  })
  id!: string;

  @Column({ name: 'rule_id', type: 'bigint' })
  ruleId!: string;

  @ManyToOne(() => AlertRuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'environment_id',
      referencedColumnName: 'environmentId',
      foreignKeyConstraintName: 'alert_destinations_rule_fkey',
    },
    { name: 'rule_id', referencedColumnName: 'id' },
  ])
  rule?: AlertRuleEntity;

  @Column({ type: 'text' })
  kind!: DestinationKind;

  /** WEBHOOK and SLACK. */
  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** EMAIL. */
  @Column({ name: 'email_to', type: 'text', nullable: true })
  emailTo!: string | null;

  /** WEBHOOK: `whsec_…` sealed by SecretBox; never returned after creation. */
  @Column({ name: 'secret_ciphertext', type: 'text', nullable: true })
  secretCiphertext!: string | null;

  @Column({ type: 'integer' })
  position!: number;
}
