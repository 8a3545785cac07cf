import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { EnvironmentEntity } from '../store/environment.entity';

/**
 * The comment analysis job of one environment: analyses responses with ids in (cursor, upto]
 * in id order, each batch committed with its new cursor, so a restart resumes exactly after the
 * last batch. Reset (generation + 1, cursor 0) whenever the theme dictionary changes.
 */
@Entity({ name: 'comment_analysis_jobs' })
export class CommentAnalysisJobEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'comment_analysis_jobs_pkey',
  })
  environmentId!: string;

  @OneToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'environment_id',
    foreignKeyConstraintName: 'comment_analysis_jobs_environment_fkey',
  })
  environment?: EnvironmentEntity;

  /** BACKFILL (responses stored before sentiment existed) or THEMES (the dictionary changed). */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'integer', default: 1 })
  generation!: number;

  /** Last survey_responses.id analysed. */
  @Column({ type: 'bigint', default: 0 })
  cursor!: string;

  /** Highest id to analyse: rows above it were analysed as they were written. */
  @Column({ type: 'bigint' })
  upto!: string;

  /** Commented responses with ids in (0, upto] when the job (re)started, and those done. */
  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer', default: 0 })
  done!: number;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
