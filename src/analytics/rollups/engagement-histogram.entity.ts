import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per UTC day, segment and 30-day activity count (−1: responses without a user), how many NPS
 * responses and their score sum: the engagement trend's tiers (any thresholds) and quantiles of
 * the count read exactly from it. Kept by triggers on response_engagement_30d.
 */
@Entity({ name: 'engagement_histogram_1d' })
export class EngagementHistogramEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'engagement_histogram_1d_pkey',
  })
  environmentId!: string;

  /** UTC midnight starting the day. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'engagement_histogram_1d_pkey' })
  day!: Date;

  /** PROMOTER, PASSIVE or DETRACTOR. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'engagement_histogram_1d_pkey' })
  segment!: string;

  /** The responses' 30-day activity count; −1 for responses without a user. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'engagement_histogram_1d_pkey' })
  events!: number;

  @Column({ type: 'integer' })
  responses!: number;

  @Column({ name: 'score_sum', type: 'bigint' })
  scoreSum!: string;
}
