import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { lockEnvironmentForWrite } from '../store/environment-write-lock';
import type { ThemeDraft } from '../text/theme-dictionary';
import { CommentAnalysisJobsRepository } from './comment-analysis-jobs.repository';

export interface ThemeRow {
  id: string;
  name: string;
  patterns: string[];
}

/** An environment's theme dictionary. */
@Injectable()
export class CommentThemesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: CommentAnalysisJobsRepository,
  ) {}

  /** The dictionary in its order. */
  list(environmentId: string): Promise<ThemeRow[]> {
    return this.dataSource.query(
      `SELECT id::text, name, patterns FROM comment_themes WHERE environment_id = $1 ORDER BY position, id`,
      [environmentId],
    );
  }

  /**
   * Replaces the dictionary in one transaction: themes keep their id while their name stays,
   * others are added or removed, and the analysis job restarts over every stored comment. Under
   * the environment's exclusive write lock, so each writer analyses with the old dictionary
   * (and is covered by the job) or with the new one.
   */
  async replace(environmentId: string, themes: readonly ThemeDraft[]): Promise<ThemeRow[]> {
    return this.dataSource.transaction(async (manager) => {
      await lockEnvironmentForWrite(manager, environmentId, 'exclusive');
      const names = themes.map((theme) => theme.name);
      await manager.query(
        `DELETE FROM comment_themes WHERE environment_id = $1 AND NOT (name = ANY($2::text[]))`,
        [environmentId, names],
      );
      await manager.query(
        `INSERT INTO comment_themes AS t (environment_id, name, patterns, position)
         SELECT $1, d.name, array(SELECT jsonb_array_elements_text(d.patterns)), d.position
           FROM jsonb_to_recordset($2::jsonb) AS d(name text, patterns jsonb, position int)
         ON CONFLICT (environment_id, name) DO UPDATE
           SET patterns = excluded.patterns, position = excluded.position`,
        [
          environmentId,
          JSON.stringify(themes.map((theme, index) => ({ ...theme, position: index + 1 }))),
        ],
      );
      await this.jobs.restart(manager, environmentId, 'THEMES');
      return manager.query(
        `SELECT id::text, name, patterns FROM comment_themes WHERE environment_id = $1 ORDER BY position, id`,
        [environmentId],
      );
    });
  }
}
