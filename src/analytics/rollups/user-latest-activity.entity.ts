import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The response_activity_30d rows of each matched user's latest NPS response (user_latest_nps),
 * with its time and score: the observations of activity correlations over the default window, in
 * time order. Kept by triggers on user_latest_nps and response_activity_30d.
 */
@Entity({ name: 'user_latest_activity_30d' })
// (environment_id, responded_at) INCLUDE (name, events, score, user_id), created by migration.
@Index('user_latest_activity_30d_time_idx', { synchronize: false })
export class UserLatestActivityEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'user_latest_activity_30d_pkey',
  })
  environmentId!: string;

  /** survey_responses.id of the user's latest NPS response. */
  @PrimaryColumn({
    name: 'response_row_id',
    type: 'bigint',
    primaryKeyConstraintName: 'user_latest_activity_30d_pkey',
  })
  responseRowId!: string;

  @PrimaryColumn({
    type: 'varchar',
    length: 1024,
    primaryKeyConstraintName: 'user_latest_activity_30d_pkey',
  })
  name!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'integer' })
  events!: number;
}
