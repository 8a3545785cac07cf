import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

/** One theme of an environment's dictionary (docs/comment-analysis.md, "Themes"). */
@Entity({ name: 'comment_themes' })
@Unique('comment_themes_environment_name_key', ['environmentId', 'name'])
export class CommentThemeEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'comment_themes_pkey',
  })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'environment_id',
    foreignKeyConstraintName: 'comment_themes_environment_fkey',
  })
  environment?: EnvironmentEntity;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'comment_themes_pkey',
  })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Words or phrases, matched by stem as whole words. */
  @Column({ type: 'text', array: true })
  patterns!: string[];

  /** Place in the dictionary as last set. */
  @Column({ type: 'integer' })
  position!: number;
}
