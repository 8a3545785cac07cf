import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * NPS response counts per environment and 15-minute UTC slot, kept current by statement-level
 * triggers on survey_responses (every write path: sync, webhook, import, matching). Every IANA
 * zone's offset is a multiple of 15 minutes, so calendar buckets in any zone are unions of slots.
 */
@Entity({ name: 'nps_rollup_15m' })
export class NpsRollupEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'nps_rollup_15m_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'nps_rollup_15m_pkey' })
  slot!: Date;

  @Column({ type: 'integer' })
  responses!: number;

  @Column({ type: 'integer' })
  promoters!: number;

  @Column({ type: 'integer' })
  passives!: number;

  @Column({ type: 'integer' })
  detractors!: number;

  @Column({ name: 'score_sum', type: 'bigint' })
  scoreSum!: string;
}
