import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

/**
 * One survey response, the source of truth for every NPS figure. Matched responses are also
 * mirrored as a "Submit Survey" event of their user (events.idempotency_key = 'survey:' || response_id).
 */
@Entity({ name: 'survey_responses' })
@Unique('survey_responses_environment_response_key', ['environmentId', 'responseId'])
@Index('survey_responses_environment_time_idx', ['environmentId', 'respondedAt'])
@Index('survey_responses_environment_person_idx', ['environmentId', 'personId', 'respondedAt'])
@Index('survey_responses_environment_user_idx', ['environmentId', 'userId'])
// Expression index on the respondent key, created by migration (TypeORM cannot describe it).
@Index('survey_responses_respondent_idx', { synchronize: false })
// (environment_id, user_id, responded_at, id) WHERE is_nps AND user_id IS NOT NULL, by migration.
@Index('survey_responses_user_nps_idx', { synchronize: false })
// GIN on to_tsvector('english', coalesce(comment, '')) for full-text search, by migration.
@Index('survey_responses_comment_search_idx', { synchronize: false })
// (environment_id, change_seq) WHERE is_nps AND score <= 6, by migration (alerts' detractor scan).
@Index('survey_responses_change_seq_idx', { synchronize: false })
@Index('survey_responses_waiting_email_idx', ['environmentId', 'emailNormalized'], {
  where: 'user_id IS NULL',
})
export class SurveyResponseEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'survey_responses_pkey',
  })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'environment_id',
    foreignKeyConstraintName: 'survey_responses_environment_fkey',
  })
  environment?: EnvironmentEntity;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'survey_responses_pkey',
  })
  id!: string;

  /** Delighted's response id (or the id given by an import): the upsert key. */
  @Column({ name: 'response_id', type: 'varchar', length: 255 })
  responseId!: string;

  /** Which path last changed it: delighted, webhook, import. */
  @Column({ type: 'text' })
  source!: string;

  /** Delighted person id: "a respondent" for LATEST_PER_PERSON. */
  @Column({ name: 'person_id', type: 'varchar', length: 255, nullable: true })
  personId!: string | null;

  /** As typed; null for SMS-only respondents. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'email_normalized', type: 'text', nullable: true })
  emailNormalized!: string | null;

  @Column({ name: 'phone_number', type: 'text', nullable: true })
  phoneNumber!: string | null;

  @Column({ name: 'survey_type', type: 'text' })
  surveyType!: string;

  @Column({ type: 'integer' })
  score!: number;

  /** survey_type = 'nps' with an integer score 0–10: only these enter NPS figures. */
  @Column({ name: 'is_nps', type: 'boolean' })
  isNps!: boolean;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'text', nullable: true })
  permalink!: string | null;

  /** Delighted created_at: the response's time in every figure. */
  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  /** Delighted updated_at, null when never updated: the version for "newer wins". */
  @Column({ name: 'response_updated_at', type: 'timestamptz', nullable: true })
  responseUpdatedAt!: Date | null;

  @Column({ name: 'person_properties', type: 'jsonb', nullable: true })
  personProperties!: Record<string, unknown> | null;

  /** The matched user, null while no user carries the email. */
  @Column({ name: 'user_id', type: 'bigint', nullable: true })
  userId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  /**
   * From survey_responses_comment_version_seq, taken anew by every write of the row: orders the
   * versions of a comment, so the comment analysis job never overwrites a newer analysis.
   */
  @Column({ name: 'comment_version', type: 'bigint', default: 0 })
  commentVersion!: string;

  /**
   * The id of the transaction that stored or last changed the response's score, comment, type or
   * user (pg_current_xact_id, set by a trigger on every write path). Alerts read responses by it
   * up to the oldest running transaction, so none is skipped or read twice (see the alerts migration).
   */
  @Column({ name: 'change_seq', type: 'bigint', nullable: true })
  changeSeq!: string | null;
}
