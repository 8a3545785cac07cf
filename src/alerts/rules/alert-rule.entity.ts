import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnvironmentEntity } from '../../store/environment.entity';
import type { UserPropertyCondition } from '../../store/user-filter.sql';

export type AlertKind = 'NPS_DROP' | 'NPS_RISE' | 'DETRACTOR_RESPONSE' | 'DIGEST';
/** ARMED: the next evaluation where the condition holds fires; FIRING: it held last time. */
export type AlertState = 'ARMED' | 'FIRING';

/** One alert rule of an environment: what to watch and how (its destinations are rows of their own). */
@Entity({ name: 'alert_rules' })
@Index('alert_rules_environment_idx', ['environmentId', 'createdAt'])
export class AlertRuleEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'alert_rules_pkey',
  })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'alert_rules_environment_fkey' })
  environment?: EnvironmentEntity;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'alert_rules_pkey',
  })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: AlertKind;

  /** The rule's user filter (conditions ANDed); null: every response. */
  @Column({ type: 'jsonb', nullable: true })
  filter!: UserPropertyCondition[] | null;

  @Column({ name: 'window_days', type: 'integer' })
  windowDays!: number;

  @Column({ name: 'baseline_days', type: 'integer' })
  baselineDays!: number;

  @Column({ name: 'min_responses', type: 'integer' })
  minResponses!: number;

  @Column({ name: 'min_change_points', type: 'double precision' })
  minChangePoints!: number;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ name: 'comment_required', type: 'boolean' })
  commentRequired!: boolean;

  /** DIGEST: cron in the environment's time zone. */
  @Column({ type: 'text', nullable: true })
  schedule!: string | null;

  @Column({ type: 'text', default: 'ARMED' })
  state!: AlertState;

  /**
   * DETRACTOR_RESPONSE: responses changed by transactions with an id below this are done
   * (survey_responses.change_seq, see the alerts migration); set at creation.
   */
  @Column({ name: 'response_watermark', type: 'bigint', nullable: true })
  responseWatermark!: string | null;

  /** DIGEST: the next scheduled time not yet sent. */
  @Column({ name: 'next_digest_at', type: 'timestamptz', nullable: true })
  nextDigestAt!: Date | null;

  @Column({ name: 'last_evaluated_at', type: 'timestamptz', nullable: true })
  lastEvaluatedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
