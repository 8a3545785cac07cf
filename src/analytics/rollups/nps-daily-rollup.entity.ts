import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CategoryCountColumns } from './category-count-columns';

/**
 * The counts of nps_rollup_15m per environment and UTC day, written by the same trigger function
 * in the same statement: long ranges sum days, their partial days slots.
 */
@Entity({ name: 'nps_rollup_1d' })
export class NpsDailyRollupEntity extends CategoryCountColumns {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'nps_rollup_1d_pkey',
  })
  environmentId!: string;

  /** UTC midnight starting the day. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'nps_rollup_1d_pkey' })
  day!: Date;

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
