import { Entity, PrimaryColumn } from 'typeorm';
import { CategoryCountColumns } from './category-count-columns';

/**
 * Per environment, UTC day and theme: category counts of the NPS responses whose comment analysis
 * mentions the theme. Theme 0 (no theme has that id) counts those whose comment holds words.
 * Kept exact by statement triggers on comment_analysis and survey_responses (migration
 * 1766000000000); ids of deleted themes stay until the analysis job drops their mentions.
 */
@Entity({ name: 'theme_mentions_1d' })
export class ThemeMentionsDailyEntity extends CategoryCountColumns {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'theme_mentions_1d_pkey',
  })
  environmentId!: string;

  /** UTC midnight starting the day. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'theme_mentions_1d_pkey' })
  day!: Date;

  /** comment_themes.id, or 0: every response whose comment holds words. */
  @PrimaryColumn({
    name: 'theme_id',
    type: 'bigint',
    primaryKeyConstraintName: 'theme_mentions_1d_pkey',
  })
  themeId!: string;
}
