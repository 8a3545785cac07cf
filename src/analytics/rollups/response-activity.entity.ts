import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Sparse activity before each matched NPS response: how many events of each type (Submit Survey
 * aside) the user did in [responded_at − 720 h, responded_at). Kept current by triggers on
 * survey_responses and events; a type not done in the window has no row. Serves every activity
 * figure over the default 30-day window.
 */
@Entity({ name: 'response_activity_30d' })
// (environment_id, name, response_row_id) INCLUDE (events), created by migration.
@Index('response_activity_30d_name_idx', { synchronize: false })
export class ResponseActivityEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'response_activity_30d_pkey',
  })
  environmentId!: string;

  /** survey_responses.id */
  @PrimaryColumn({
    name: 'response_row_id',
    type: 'bigint',
    primaryKeyConstraintName: 'response_activity_30d_pkey',
  })
  responseRowId!: string;

  @PrimaryColumn({
    type: 'varchar',
    length: 1024,
    primaryKeyConstraintName: 'response_activity_30d_pkey',
  })
  name!: string;

  @Column({ type: 'integer' })
  events!: number;
}
