import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyResponseEntity } from './survey-response.entity';

/**
 * What a response's comment says: its sentiment and the themes it mentions, written with the
 * response by every write path and by the comment analysis job. `comment_version` is the
 * response's `comment_version` the row was computed from: a job never overwrites a newer one.
 * A response without a comment has no row, or one with null sentiment and no themes.
 */
@Entity({ name: 'comment_analysis' })
export class CommentAnalysisEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'comment_analysis_pkey',
  })
  environmentId!: string;

  /** survey_responses.id */
  @PrimaryColumn({
    name: 'response_row_id',
    type: 'bigint',
    primaryKeyConstraintName: 'comment_analysis_pkey',
  })
  responseRowId!: string;

  @ManyToOne(() => SurveyResponseEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'environment_id',
      referencedColumnName: 'environmentId',
      foreignKeyConstraintName: 'comment_analysis_response_fkey',
    },
    {
      name: 'response_row_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'comment_analysis_response_fkey',
    },
  ])
  response?: SurveyResponseEntity;

  @Column({ name: 'comment_version', type: 'bigint' })
  commentVersion!: string;

  /** VADER compound score in [−1, 1]; null when the comment holds no word. */
  @Column({ name: 'sentiment_score', type: 'real', nullable: true })
  sentimentScore!: number | null;

  /** comment_themes.id of each theme mentioned (ids of deleted themes are ignored by readers). */
  @Column({ name: 'theme_ids', type: 'bigint', array: true, default: () => "'{}'" })
  themeIds!: string[];

  @Column({ name: 'analysed_at', type: 'timestamptz', default: () => 'now()' })
  analysedAt!: Date;
}
