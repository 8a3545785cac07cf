import { MigrationInterface, QueryRunner } from 'typeorm';

const ORIGIN = `TIMESTAMPTZ '2000-01-01 00:00:00+00'`;
const COUNT_COLUMNS = ['responses', 'promoters', 'passives', 'detractors', 'score_sum'];

/**
 * The themes a row of `changes` (environment_id, response time, score, sign, theme_ids,
 * commented) counts for: each mentioned theme, and theme 0 when its comment holds words.
 */
const MENTIONED = `CROSS JOIN LATERAL (
    SELECT unnest(c.theme_ids) UNION ALL SELECT 0::bigint WHERE c.commented
  ) AS m(theme_id)`;

/**
 * The statement that adds `changes` (a subquery with the columns MENTIONED reads; sign +1 for a
 * mention that is new, −1 for one that goes) to the days. Groups that net to nothing write nothing.
 * Written out in each trigger function rather than called with arrays: half the cost per batch.
 */
function applyChanges(changes: string): string {
  return `
        INSERT INTO theme_mentions_1d AS t (environment_id, day, theme_id, ${COUNT_COLUMNS.join(', ')})
        SELECT * FROM (
          SELECT c.environment_id, date_bin('1 day', c.responded_at, ${ORIGIN}) AS day, m.theme_id,
                 sum(c.sign)::int AS responses, coalesce(sum(c.sign) FILTER (WHERE c.score >= 9), 0)::int AS promoters,
                 coalesce(sum(c.sign) FILTER (WHERE c.score BETWEEN 7 AND 8), 0)::int AS passives,
                 coalesce(sum(c.sign) FILTER (WHERE c.score <= 6), 0)::int AS detractors,
                 sum(c.sign * c.score)::bigint AS score_sum
            FROM (${changes}) c ${MENTIONED}
           GROUP BY 1, 2, 3
        ) d
         WHERE (responses, promoters, passives, detractors, score_sum) <> (0, 0, 0, 0, 0)
         ORDER BY 1, 2, 3
        ON CONFLICT (environment_id, day, theme_id) DO UPDATE
          SET ${COUNT_COLUMNS.map((column) => `${column} = t.${column} + excluded.${column}`).join(', ')};`;
}

/**
 * theme_mentions_1d: per environment, UTC day and theme, the category counts of the NPS responses
 * whose comment analysis mentions the theme; theme 0 (no theme has that id) counts the NPS
 * responses whose comment holds words. Unfiltered ALL_RESPONSES themeImpact sums the whole days
 * of its range from it (and from nps_rollup_1d) and reads only the partial days from rows.
 *
 * It follows the join of survey_responses and comment_analysis: statement triggers on
 * comment_analysis (insert, update, delete: the analysis of the response as it is now) and on
 * survey_responses (a change of score, time or NPS-ness: the analysis stored now) add the
 * difference in the same transaction. Each statement changes one of the two tables, so the sum of
 * the differences is the join's; the analysis job takes FOR SHARE (SKIP LOCKED) on the responses
 * it analyses first, so a concurrent writer of one of them sees the other's committed row.
 */
export class ThemeMentionsRollup1766000000000 implements MigrationInterface {
  name = 'ThemeMentionsRollup1766000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "theme_mentions_1d" ("environment_id" bigint NOT NULL, "day" TIMESTAMP WITH TIME ZONE NOT NULL,
        "theme_id" bigint NOT NULL, "responses" integer NOT NULL, "promoters" integer NOT NULL,
        "passives" integer NOT NULL, "detractors" integer NOT NULL, "score_sum" bigint NOT NULL,
        CONSTRAINT "theme_mentions_1d_pkey" PRIMARY KEY ("environment_id", "day", "theme_id"))`);
    // comment_analysis rows joined with their (NPS) response as it is now.
    const analysis = (rows: string, sign: number) => `
      SELECT r.environment_id, r.responded_at, r.score, ${sign} AS sign, a.theme_ids,
             a.sentiment_score IS NOT NULL AS commented
        FROM ${rows} a
        JOIN survey_responses r ON r.environment_id = a.environment_id AND r.id = a.response_row_id AND r.is_nps`;
    await queryRunner.query(`
      CREATE FUNCTION comment_analysis_mentions_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyChanges(analysis('new_rows', 1))}
        RETURN NULL;
      END $$`);
    // Only rows whose mentions changed: a rewrite with the same themes (most of a job run after a
    // dictionary change) adds nothing.
    await queryRunner.query(`
      CREATE FUNCTION comment_analysis_mentions_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyChanges(`
          SELECT r.environment_id, r.responded_at, r.score, s.sign, s.theme_ids, s.commented
            FROM new_rows n
            JOIN old_rows o ON o.environment_id = n.environment_id AND o.response_row_id = n.response_row_id
           CROSS JOIN LATERAL (VALUES (1, n.theme_ids, n.sentiment_score IS NOT NULL),
                                      (-1, o.theme_ids, o.sentiment_score IS NOT NULL)) AS s(sign, theme_ids, commented)
            JOIN survey_responses r ON r.environment_id = n.environment_id AND r.id = n.response_row_id AND r.is_nps
           WHERE (n.theme_ids, n.sentiment_score IS NULL) IS DISTINCT FROM (o.theme_ids, o.sentiment_score IS NULL)`)}
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION comment_analysis_mentions_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyChanges(analysis('old_rows', -1))}
        RETURN NULL;
      END $$`);
    // Responses whose score, time or NPS-ness changed: out with the old, in with the new, each
    // with the analysis stored now.
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_mentions_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${applyChanges(`
          SELECT s.environment_id, s.responded_at, s.score, s.sign, a.theme_ids,
                 a.sentiment_score IS NOT NULL AS commented
            FROM new_rows n
            JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
           CROSS JOIN LATERAL (VALUES (n.environment_id, n.responded_at, n.score, n.is_nps, 1),
                                      (o.environment_id, o.responded_at, o.score, o.is_nps, -1))
                 AS s(environment_id, responded_at, score, is_nps, sign)
            JOIN comment_analysis a ON a.environment_id = n.environment_id AND a.response_row_id = n.id
           WHERE s.is_nps AND (n.score, n.responded_at, n.is_nps) IS DISTINCT FROM (o.score, o.responded_at, o.is_nps)`)}
        RETURN NULL;
      END $$`);
    for (const [event, transition] of [
      ['insert', 'NEW TABLE AS new_rows'],
      ['update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['delete', 'OLD TABLE AS old_rows'],
    ]) {
      await queryRunner.query(`
        CREATE TRIGGER comment_analysis_mentions_${event} AFTER ${event.toUpperCase()} ON comment_analysis
          REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION comment_analysis_mentions_${event}()`);
    }
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_mentions_update AFTER UPDATE ON survey_responses
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION survey_responses_mentions_update()`);
    // Analyses stored before this migration.
    await queryRunner.query(`
      INSERT INTO theme_mentions_1d (environment_id, day, theme_id, ${COUNT_COLUMNS.join(', ')})
      SELECT c.environment_id, date_bin('1 day', c.responded_at, ${ORIGIN}), m.theme_id, count(*),
             count(*) FILTER (WHERE c.score >= 9), count(*) FILTER (WHERE c.score BETWEEN 7 AND 8),
             count(*) FILTER (WHERE c.score <= 6), sum(c.score)
        FROM (${analysis('comment_analysis', 1)}) c ${MENTIONED}
       GROUP BY 1, 2, 3`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER survey_responses_mentions_update ON survey_responses`);
    for (const event of ['insert', 'update', 'delete']) {
      await queryRunner.query(
        `DROP TRIGGER comment_analysis_mentions_${event} ON comment_analysis`,
      );
      await queryRunner.query(`DROP FUNCTION comment_analysis_mentions_${event}()`);
    }
    await queryRunner.query(`DROP FUNCTION survey_responses_mentions_update()`);
    await queryRunner.query(`DROP TABLE "theme_mentions_1d"`);
  }
}
