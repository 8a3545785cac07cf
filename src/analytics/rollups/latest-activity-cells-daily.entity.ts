import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per environment, UTC day of the latest response, event type, events of that type in the 30 days
 * before it and its score: the matched users with exactly that (user_latest_activity_30d counted).
 * Kept exact by statement triggers on user_latest_activity_30d (migration 1766300000000); the
 * frequency tables of activity correlations over whole days.
 */
@Entity({ name: 'latest_activity_cells_1d' })
export class LatestActivityCellsDailyEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'latest_activity_cells_1d_pkey',
  })
  environmentId!: string;

  /** UTC midnight starting the day. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'latest_activity_cells_1d_pkey' })
  day!: Date;

  @PrimaryColumn({
    type: 'varchar',
    length: 1024,
    primaryKeyConstraintName: 'latest_activity_cells_1d_pkey',
  })
  name!: string;

  /** Events of the type in [responded_at − 720 h, responded_at); always ≥ 1. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'latest_activity_cells_1d_pkey' })
  events!: number;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'latest_activity_cells_1d_pkey' })
  score!: number;

  @Column({ type: 'integer' })
  users!: number;
}
