import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps the activity analytics fast (correlations, engagement tiers, segment comparison),
 * kept correct by statement triggers on survey_responses and events, in the writer's transaction:
 * - user_latest_nps: each matched user's latest NPS response (the correlation observations);
 * - response_activity_30d: per matched NPS response and event type (Submit Survey aside), how
 *   many of the user's events fall in [responded_at − 720 h, responded_at). Sparse: a type the
 *   user did not do in the window has no row.
 * - events_environment_user_time_idx gains `name`, so window scans of other lengths read only the
 *   index.
 *
 * Concurrent writers: an events batch and a response of the same user committing at the same
 * time must not each miss the other. Every activity event writer (insertTracked) upserts the
 * user's row first, holding its row lock to the end of the transaction; the response side takes
 * FOR SHARE on the users it recomputes before counting, so it either waits for that batch and
 * then sees its events (each statement of a trigger function takes a fresh snapshot), or the
 * batch waits and its own trigger then sees the response.
 */
export class ResponseActivity1764700000000 implements MigrationInterface {
  name = 'ResponseActivity1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "events_environment_user_time_idx"`);
    await queryRunner.query(
      `CREATE INDEX "events_environment_user_time_idx" ON "events" ("environment_id", "user_id", "time") INCLUDE ("name")`,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_responses_user_nps_idx" ON "survey_responses" ("environment_id", "user_id", "responded_at", "id")
        WHERE is_nps AND user_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "user_latest_nps" ("environment_id" bigint NOT NULL, "user_id" bigint NOT NULL,
        "response_row_id" bigint NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "score" integer NOT NULL,
        CONSTRAINT "user_latest_nps_pkey" PRIMARY KEY ("environment_id", "user_id"))`);
    await queryRunner.query(
      `CREATE INDEX "user_latest_nps_time_idx" ON "user_latest_nps" ("environment_id", "responded_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "response_activity_30d" ("environment_id" bigint NOT NULL, "response_row_id" bigint NOT NULL,
        "name" character varying(1024) NOT NULL, "events" integer NOT NULL,
        CONSTRAINT "response_activity_30d_pkey" PRIMARY KEY ("environment_id", "response_row_id", "name"))`);
    // Segment comparison reads one event type across all respondents.
    await queryRunner.query(
      `CREATE INDEX "response_activity_30d_name_idx" ON "response_activity_30d" ("environment_id", "name", "response_row_id") INCLUDE ("events")`,
    );

    // Recomputes user_latest_nps for the given users from survey_responses.
    await queryRunner.query(`
      CREATE FUNCTION user_latest_nps_refresh(environment_ids bigint[], user_ids bigint[]) RETURNS void LANGUAGE sql AS $$
        WITH affected AS (
          SELECT DISTINCT environment_id, user_id FROM unnest(environment_ids, user_ids) AS a(environment_id, user_id)
           WHERE user_id IS NOT NULL
        ),
        fresh AS (
          SELECT a.environment_id, a.user_id, latest.id, latest.responded_at, latest.score
            FROM affected a
            CROSS JOIN LATERAL (
              SELECT r.id, r.responded_at, r.score FROM survey_responses r
               WHERE r.environment_id = a.environment_id AND r.user_id = a.user_id AND r.is_nps
               ORDER BY r.responded_at DESC, r.id DESC LIMIT 1) latest
        ),
        removed AS (
          DELETE FROM user_latest_nps l USING affected a
           WHERE l.environment_id = a.environment_id AND l.user_id = a.user_id
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.environment_id = a.environment_id AND f.user_id = a.user_id)
        )
        INSERT INTO user_latest_nps AS l (environment_id, user_id, response_row_id, responded_at, score)
        SELECT environment_id, user_id, id, responded_at, score FROM fresh ORDER BY environment_id, user_id
        ON CONFLICT (environment_id, user_id) DO UPDATE
          SET response_row_id = excluded.response_row_id, responded_at = excluded.responded_at, score = excluded.score
      $$`);
    // Recounts response_activity_30d of the given responses from events (after locking their users).
    await queryRunner.query(`
      CREATE FUNCTION response_activity_refresh(environment_ids bigint[], row_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM users u
          WHERE (u.environment_id, u.id) IN (
            SELECT r.environment_id, r.user_id FROM unnest(environment_ids, row_ids) AS t(environment_id, id)
              JOIN survey_responses r ON r.environment_id = t.environment_id AND r.id = t.id
             WHERE r.user_id IS NOT NULL)
          ORDER BY u.environment_id, u.id FOR SHARE;
        DELETE FROM response_activity_30d a USING unnest(environment_ids, row_ids) AS t(environment_id, id)
         WHERE a.environment_id = t.environment_id AND a.response_row_id = t.id;
        INSERT INTO response_activity_30d (environment_id, response_row_id, name, events)
        SELECT r.environment_id, r.id, w.name, count(*)
          FROM (SELECT DISTINCT environment_id, id FROM unnest(environment_ids, row_ids) AS t(environment_id, id)) t
          JOIN survey_responses r ON r.environment_id = t.environment_id AND r.id = t.id
                                 AND r.is_nps AND r.user_id IS NOT NULL
          CROSS JOIN LATERAL (
            SELECT e.name FROM events e
             WHERE e.environment_id = r.environment_id AND e.user_id = r.user_id
               AND e.time >= r.responded_at - interval '720 hours' AND e.time < r.responded_at
               AND e.name <> 'Submit Survey') w
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_activity_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM user_latest_nps_refresh(array_agg(environment_id), array_agg(user_id))
           FROM new_rows WHERE is_nps AND user_id IS NOT NULL;
        PERFORM response_activity_refresh(array_agg(environment_id), array_agg(id))
           FROM new_rows WHERE is_nps AND user_id IS NOT NULL;
        RETURN NULL;
      END $$`);
    // Only changes of user, time or NPS-ness move activity; comment edits cost nothing.
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_activity_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM user_latest_nps_refresh(array_agg(environment_id), array_agg(user_id))
           FROM (SELECT n.environment_id, n.user_id FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
                  WHERE (n.user_id, n.responded_at, n.is_nps, n.score) IS DISTINCT FROM (o.user_id, o.responded_at, o.is_nps, o.score)
                 UNION
                 SELECT o.environment_id, o.user_id FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
                  WHERE (n.user_id, n.responded_at, n.is_nps, n.score) IS DISTINCT FROM (o.user_id, o.responded_at, o.is_nps, o.score)) changed;
        PERFORM response_activity_refresh(array_agg(n.environment_id), array_agg(n.id))
           FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
          WHERE (n.user_id, n.responded_at, n.is_nps) IS DISTINCT FROM (o.user_id, o.responded_at, o.is_nps);
        RETURN NULL;
      END $$`);
    // New activity events add to the responses they precede by at most 720 hours. LATERAL keeps
    // it a probe of the partial index per event, whatever the transition table's size estimate.
    await queryRunner.query(`
      CREATE FUNCTION events_activity_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO response_activity_30d AS a (environment_id, response_row_id, name, events)
        SELECT e.environment_id, r.id, e.name, count(*)
          FROM new_events e
          CROSS JOIN LATERAL (
            SELECT r.id FROM survey_responses r
             WHERE r.environment_id = e.environment_id AND r.user_id = e.user_id AND r.is_nps
               AND r.responded_at > e.time AND r.responded_at <= e.time + interval '720 hours') r
         WHERE e.name <> 'Submit Survey'
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (environment_id, response_row_id, name) DO UPDATE SET events = a.events + excluded.events;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_activity_insert AFTER INSERT ON survey_responses
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_responses_activity_after_insert()`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_activity_update AFTER UPDATE ON survey_responses
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION survey_responses_activity_after_update()`);
    await queryRunner.query(`
      CREATE TRIGGER events_activity_insert AFTER INSERT ON events
        REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION events_activity_after_insert()`);

    // Data stored before this migration.
    await queryRunner.query(`
      SELECT user_latest_nps_refresh(array_agg(environment_id), array_agg(user_id))
        FROM survey_responses WHERE is_nps AND user_id IS NOT NULL`);
    await queryRunner.query(`
      SELECT response_activity_refresh(array_agg(environment_id), array_agg(id))
        FROM survey_responses WHERE is_nps AND user_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_activity_insert ON events`);
    await queryRunner.query(`DROP TRIGGER survey_responses_activity_update ON survey_responses`);
    await queryRunner.query(`DROP TRIGGER survey_responses_activity_insert ON survey_responses`);
    await queryRunner.query(`DROP FUNCTION events_activity_after_insert()`);
    await queryRunner.query(`DROP FUNCTION survey_responses_activity_after_update()`);
    await queryRunner.query(`DROP FUNCTION survey_responses_activity_after_insert()`);
    await queryRunner.query(`DROP FUNCTION response_activity_refresh(bigint[], bigint[])`);
    await queryRunner.query(`DROP FUNCTION user_latest_nps_refresh(bigint[], bigint[])`);
    await queryRunner.query(`DROP TABLE "response_activity_30d"`);
    await queryRunner.query(`DROP TABLE "user_latest_nps"`);
    await queryRunner.query(`DROP INDEX "survey_responses_user_nps_idx"`);
    await queryRunner.query(`DROP INDEX "events_environment_user_time_idx"`);
    await queryRunner.query(
      `CREATE INDEX "events_environment_user_time_idx" ON "events" ("environment_id", "user_id", "time")`,
    );
  }
}
