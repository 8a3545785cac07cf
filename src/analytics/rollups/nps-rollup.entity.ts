import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CategoryCountColumns } from './category-count-columns';

/**
 * NPS response counts per environment and 15-minute UTC slot, kept current by statement-level
 * triggers on survey_responses (every write path: sync, webhook, import, matching). Every IANA
 * zone's offset is a multiple of 15 minutes, so calendar buckets in any zone are unions of slots.
 */
@Entity({ name: 'nps_rollup_15m' })
export class NpsRollupEntity extends CategoryCountColumns {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'nps_rollup_15m_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'nps_rollup_15m_pkey' })
  slot!: Date;

  // Responses per score (0 … 10): score distributions of unfiltered ranges.

  @Column({ name: 'score_0', type: 'integer', default: 0 })
  score0!: number;

  @Column({ name: 'score_1', type: 'integer', default: 0 })
  score1!: number;

  @Column({ name: 'score_2', type: 'integer', default: 0 })
  score2!: number;

  @Column({ name: 'score_3', type: 'integer', default: 0 })
  score3!: number;

  @Column({ name: 'score_4', type: 'integer', default: 0 })
  score4!: number;

  @Column({ name: 'score_5', type: 'integer', default: 0 })
  score5!: number;

  @Column({ name: 'score_6', type: 'integer', default: 0 })
  score6!: number;

  @Column({ name: 'score_7', type: 'integer', default: 0 })
  score7!: number;

  @Column({ name: 'score_8', type: 'integer', default: 0 })
  score8!: number;

  @Column({ name: 'score_9', type: 'integer', default: 0 })
  score9!: number;

  @Column({ name: 'score_10', type: 'integer', default: 0 })
  score10!: number;
}
