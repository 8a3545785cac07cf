import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per environment, UTC day and score: the matched users whose latest NPS response (user_latest_nps)
 * has that score and falls on that day. Kept exact by statement triggers on user_latest_nps
 * (migration 1766300000000); the observation totals of activity correlations over whole days.
 */
@Entity({ name: 'latest_score_counts_1d' })
export class LatestScoreCountsDailyEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'latest_score_counts_1d_pkey',
  })
  environmentId!: string;

  /** UTC midnight starting the day. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'latest_score_counts_1d_pkey' })
  day!: Date;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'latest_score_counts_1d_pkey' })
  score!: number;

  @Column({ type: 'integer' })
  users!: number;
}
