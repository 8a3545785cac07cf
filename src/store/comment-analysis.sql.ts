import type { EntityManager } from 'typeorm';
import { sentimentScore } from '../text/sentiment';
import { ThemeMatcher } from '../text/theme-matcher';

/**
 * Write-path SQL of comment analysis (docs/comment-analysis.md), shared by every writer of survey
 * responses (upsertRows: API sync, webhooks, imports) and by the comment analysis job, run inside
 * the caller's transaction, which holds the environment's write lock (shared), so the dictionary
 * it reads cannot change before it commits.
 */

/** A stored response whose comment is to be analysed: its row id, comment and version. */
export interface CommentToAnalyse {
  id: string;
  comment: string | null;
  commentVersion: string;
}

/** The environment's dictionary, compiled. */
export async function loadThemeMatcher(
  manager: EntityManager,
  environmentId: string,
): Promise<ThemeMatcher> {
  const themes: Array<{ id: string; name: string; patterns: string[] }> = await manager.query(
    `SELECT id::text, name, patterns FROM comment_themes WHERE environment_id = $1 ORDER BY position, id`,
    [environmentId],
  );
  return new ThemeMatcher(themes);
}

/**
 * Stores the sentiment and themes of each comment. A row computed from an older version of a
 * comment never replaces one computed from a newer version (a job that read a comment just before
 * a writer changed it); a row of the same version is replaced (the dictionary changed). Returns
 * how many comments held words.
 */
export async function writeCommentAnalysis(
  manager: EntityManager,
  environmentId: string,
  comments: readonly CommentToAnalyse[],
  matcher: ThemeMatcher,
): Promise<number> {
  if (comments.length === 0) return 0;
  const scores = comments.map((row) => sentimentScore(row.comment));
  const themes = comments.map((row) => `{${matcher.mentions(row.comment).join(',')}}`);
  await manager.query(
    `INSERT INTO comment_analysis AS a (environment_id, response_row_id, comment_version, sentiment_score, theme_ids)
     SELECT $1, t.id, t.version, t.score, t.themes::bigint[]
       FROM unnest($2::bigint[], $3::bigint[], $4::real[], $5::text[]) AS t(id, version, score, themes)
      ORDER BY t.id
     ON CONFLICT (environment_id, response_row_id) DO UPDATE
       SET comment_version = excluded.comment_version, sentiment_score = excluded.sentiment_score,
           theme_ids = excluded.theme_ids, analysed_at = now()
       WHERE excluded.comment_version >= a.comment_version`,
    [
      environmentId,
      comments.map((row) => row.id),
      comments.map((row) => row.commentVersion),
      scores,
      themes,
    ],
  );
  return scores.filter((score) => score !== null).length;
}
