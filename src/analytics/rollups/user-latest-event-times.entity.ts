import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Per matched user with a latest NPS response (user_latest_nps) and event type, the sorted times
 * of the user's events in the 365 days before that response, with its time and score: correlations
 * up to now count any window of at most 365 days from one row per observation and event type.
 * Kept by triggers on user_latest_nps and events (migration 1766400000000).
 */
@Entity({ name: 'user_latest_event_times' })
@Index('user_latest_event_times_time_idx', ['environmentId', 'respondedAt'])
export class UserLatestEventTimesEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'user_latest_event_times_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({
    name: 'user_id',
    type: 'bigint',
    primaryKeyConstraintName: 'user_latest_event_times_pkey',
  })
  userId!: string;

  @PrimaryColumn({
    type: 'varchar',
    length: 1024,
    primaryKeyConstraintName: 'user_latest_event_times_pkey',
  })
  name!: string;

  /** survey_responses.id of the user's latest NPS response. */
  @Column({ name: 'response_row_id', type: 'bigint' })
  responseRowId!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  @Column({ type: 'integer' })
  score!: number;

  /** Ascending; each in [respondedAt − 8760 h, respondedAt). */
  @Column({ type: 'timestamptz', array: true })
  times!: Date[];
}
