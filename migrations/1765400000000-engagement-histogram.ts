import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps the engagement trend (npsTrend + engagement over the default 30-day window) from
 * probing the activity table once per response, kept exact by statement triggers in the
 * writer's transaction like the other rollups:
 * - response_engagement_30d: one row per NPS response, its time, score and the user's events (all
 *   types but Submit Survey) in [responded_at − 720 h, responded_at), i.e. the sum of its
 *   response_activity_30d rows; events is null while the response has no user.
 * - engagement_histogram_1d: per UTC day, segment and such event count (−1: no user), how many
 *   responses and their score sum. Any thresholds, and quantiles of the count, read exactly from
 *   it; windows not on UTC midnights read their (< 1 day) edges from response_engagement_30d.
 *
 * Write paths, all through the tables the triggers watch: response inserts and updates (syncs,
 * webhooks, imports; late user matches and setEmailProperty update user_id) recompute the row
 * from response_activity_30d (which their activity trigger has just recounted, holding FOR SHARE
 * on the users, so no events batch of those users can commit in between; the trigger names sort
 * after the activity ones, and PostgreSQL fires same-event triggers in name order); a score-only
 * change keeps the count and moves the score; events add their count to the responses they
 * precede by at most 720 hours, under the user row lock ingestion holds. The histogram follows
 * every insert, update and delete of response_engagement_30d, as signed deltas in one sorted
 * upsert per statement.
 */
export class EngagementHistogram1765400000000 implements MigrationInterface {
  name = 'EngagementHistogram1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "response_engagement_30d" ("environment_id" bigint NOT NULL, "response_row_id" bigint NOT NULL,
        "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "score" integer NOT NULL, "events" integer,
        CONSTRAINT "response_engagement_30d_pkey" PRIMARY KEY ("environment_id", "response_row_id"))`);
    await queryRunner.query(
      `CREATE INDEX "response_engagement_30d_time_idx" ON "response_engagement_30d" ("environment_id", "responded_at") INCLUDE ("score", "events")`,
    );
    await queryRunner.query(`
      CREATE TABLE "engagement_histogram_1d" ("environment_id" bigint NOT NULL, "day" TIMESTAMP WITH TIME ZONE NOT NULL,
        "segment" text NOT NULL, "events" integer NOT NULL, "responses" integer NOT NULL, "score_sum" bigint NOT NULL,
        CONSTRAINT "engagement_histogram_1d_pkey" PRIMARY KEY ("environment_id", "day", "segment", "events"))`);

    // Adds signed rows (+1 new, −1 old) to the histogram, one sorted upsert (a fixed lock order).
    await queryRunner.query(`
      CREATE FUNCTION engagement_histogram_apply(environment_ids bigint[], times timestamptz[], scores int[],
                                                 counts int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO engagement_histogram_1d AS h (environment_id, day, segment, events, responses, score_sum)
        SELECT environment_id, date_bin('1 day', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
               CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END,
               coalesce(events, -1), sum(sign), sum(sign * score)
          FROM unnest(environment_ids, times, scores, counts, signs) AS c(environment_id, responded_at, score, events, sign)
         GROUP BY 1, 2, 3, 4
        HAVING sum(sign) <> 0 OR sum(sign * score) <> 0
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (environment_id, day, segment, events) DO UPDATE
          SET responses = h.responses + excluded.responses, score_sum = h.score_sum + excluded.score_sum
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION response_engagement_histogram_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM engagement_histogram_apply(array_agg(environment_id), array_agg(responded_at), array_agg(score),
                                             array_agg(events), array_agg(1))
             FROM new_rows HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM engagement_histogram_apply(array_agg(environment_id), array_agg(responded_at), array_agg(score),
                                             array_agg(events), array_agg(-1))
             FROM old_rows HAVING count(*) > 0;
        ELSE
          PERFORM engagement_histogram_apply(array_agg(environment_id), array_agg(responded_at), array_agg(score),
                                             array_agg(events), array_agg(sign))
             FROM (SELECT environment_id, responded_at, score, events, 1 AS sign FROM new_rows
                   UNION ALL SELECT environment_id, responded_at, score, events, -1 FROM old_rows) changes
           HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER response_engagement_histogram_insert AFTER INSERT ON response_engagement_30d
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_engagement_histogram_after_change()`);
    await queryRunner.query(`
      CREATE TRIGGER response_engagement_histogram_update AFTER UPDATE ON response_engagement_30d
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION response_engagement_histogram_after_change()`);
    await queryRunner.query(`
      CREATE TRIGGER response_engagement_histogram_delete AFTER DELETE ON response_engagement_30d
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION response_engagement_histogram_after_change()`);

    // Recomputes response_engagement_30d of the given responses from survey_responses and
    // response_activity_30d (rows of responses that are no longer NPS go).
    await queryRunner.query(`
      CREATE FUNCTION response_engagement_refresh(environment_ids bigint[], row_ids bigint[]) RETURNS void LANGUAGE sql AS $$
        WITH affected AS (
          SELECT DISTINCT environment_id, id FROM unnest(environment_ids, row_ids) AS t(environment_id, id)
        ),
        fresh AS (
          SELECT r.environment_id, r.id, r.responded_at, r.score,
                 CASE WHEN r.user_id IS NOT NULL THEN
                   coalesce((SELECT sum(a.events) FROM response_activity_30d a
                              WHERE a.environment_id = r.environment_id AND a.response_row_id = r.id), 0)::int
                 END AS events
            FROM affected t
            JOIN survey_responses r ON r.environment_id = t.environment_id AND r.id = t.id AND r.is_nps
        ),
        removed AS (
          DELETE FROM response_engagement_30d g USING affected t
           WHERE g.environment_id = t.environment_id AND g.response_row_id = t.id
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.environment_id = t.environment_id AND f.id = t.id)
        )
        INSERT INTO response_engagement_30d AS g (environment_id, response_row_id, responded_at, score, events)
        SELECT environment_id, id, responded_at, score, events FROM fresh ORDER BY environment_id, id
        ON CONFLICT (environment_id, response_row_id) DO UPDATE
          SET responded_at = excluded.responded_at, score = excluded.score, events = excluded.events
          WHERE (g.responded_at, g.score, g.events) IS DISTINCT FROM (excluded.responded_at, excluded.score, excluded.events)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_engagement_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM response_engagement_refresh(array_agg(environment_id), array_agg(id))
           FROM new_rows WHERE is_nps HAVING count(*) > 0;
        RETURN NULL;
      END $$`);
    // A change of user, time or NPS-ness recounts (the activity trigger has recounted those
    // responses under FOR SHARE of their users); a score-only change moves the score and keeps
    // the count, which an events batch may be adding to meanwhile (UPDATE re-reads the row).
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_engagement_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM response_engagement_refresh(array_agg(n.environment_id), array_agg(n.id))
           FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
          WHERE (n.user_id, n.responded_at, n.is_nps) IS DISTINCT FROM (o.user_id, o.responded_at, o.is_nps)
         HAVING count(*) > 0;
        UPDATE response_engagement_30d g SET score = n.score
          FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
         WHERE g.environment_id = n.environment_id AND g.response_row_id = n.id
           AND (n.user_id, n.responded_at, n.is_nps) IS NOT DISTINCT FROM (o.user_id, o.responded_at, o.is_nps)
           AND n.score IS DISTINCT FROM o.score;
        RETURN NULL;
      END $$`);
    // New activity events add to the responses they precede by at most 720 hours (as in
    // events_activity_after_insert: a LATERAL probe of the partial index per event).
    await queryRunner.query(`
      CREATE FUNCTION events_engagement_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT FROM new_events WHERE name <> 'Submit Survey') THEN
          RETURN NULL;
        END IF;
        UPDATE response_engagement_30d g SET events = g.events + d.events
          FROM (SELECT e.environment_id, r.id, count(*)::int AS events
                  FROM new_events e
                  CROSS JOIN LATERAL (
                    SELECT r.id FROM survey_responses r
                     WHERE r.environment_id = e.environment_id AND r.user_id = e.user_id AND r.is_nps
                       AND r.responded_at > e.time AND r.responded_at <= e.time + interval '720 hours') r
                 WHERE e.name <> 'Submit Survey'
                 GROUP BY 1, 2) d
         WHERE g.environment_id = d.environment_id AND g.response_row_id = d.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_engagement_insert AFTER INSERT ON survey_responses
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_responses_engagement_after_insert()`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_engagement_update AFTER UPDATE ON survey_responses
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION survey_responses_engagement_after_update()`);
    await queryRunner.query(`
      CREATE TRIGGER events_engagement_insert AFTER INSERT ON events
        REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION events_engagement_after_insert()`);

    // Responses stored before this migration.
    await queryRunner.query(`
      SELECT response_engagement_refresh(array_agg(environment_id), array_agg(id))
        FROM survey_responses WHERE is_nps`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_engagement_insert ON events`);
    await queryRunner.query(`DROP TRIGGER survey_responses_engagement_update ON survey_responses`);
    await queryRunner.query(`DROP TRIGGER survey_responses_engagement_insert ON survey_responses`);
    await queryRunner.query(`DROP FUNCTION events_engagement_after_insert()`);
    await queryRunner.query(`DROP FUNCTION survey_responses_engagement_after_update()`);
    await queryRunner.query(`DROP FUNCTION survey_responses_engagement_after_insert()`);
    await queryRunner.query(`DROP FUNCTION response_engagement_refresh(bigint[], bigint[])`);
    await queryRunner.query(
      `DROP TRIGGER response_engagement_histogram_delete ON response_engagement_30d`,
    );
    await queryRunner.query(
      `DROP TRIGGER response_engagement_histogram_update ON response_engagement_30d`,
    );
    await queryRunner.query(
      `DROP TRIGGER response_engagement_histogram_insert ON response_engagement_30d`,
    );
    await queryRunner.query(`DROP FUNCTION response_engagement_histogram_after_change()`);
    await queryRunner.query(
      `DROP FUNCTION engagement_histogram_apply(bigint[], timestamptz[], int[], int[], int[])`,
    );
    await queryRunner.query(`DROP TABLE "engagement_histogram_1d"`);
    await queryRunner.query(`DROP TABLE "response_engagement_30d"`);
  }
}
