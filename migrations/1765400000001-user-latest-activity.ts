import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * user_latest_activity_30d: the response_activity_30d rows of each matched user's latest NPS
 * response (user_latest_nps), with that response's time and score, in time order. Correlations
 * over the default 30-day window up to now then read one index range of exactly their
 * observations' activity instead of hashing every response's activity.
 *
 * Kept by statement triggers, in the writer's transaction: on user_latest_nps (a user's latest
 * response changes: its rows move to the new one) and on response_activity_30d (the latest
 * response's counts change: events batches, recounts). Both read the other table's current
 * state, so whichever fires last in a transaction leaves the mirror exact.
 */
export class UserLatestActivity1765400000001 implements MigrationInterface {
  name = 'UserLatestActivity1765400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "user_latest_activity_30d" ("environment_id" bigint NOT NULL, "response_row_id" bigint NOT NULL,
        "name" character varying(1024) NOT NULL, "user_id" bigint NOT NULL,
        "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "score" integer NOT NULL, "events" integer NOT NULL,
        CONSTRAINT "user_latest_activity_30d_pkey" PRIMARY KEY ("environment_id", "response_row_id", "name"))`);
    await queryRunner.query(
      `CREATE INDEX "user_latest_activity_30d_time_idx" ON "user_latest_activity_30d" ("environment_id", "responded_at") INCLUDE ("name", "events", "score", "user_id")`,
    );
    // Finding whether an activity row's response is someone's latest.
    await queryRunner.query(
      `CREATE INDEX "user_latest_nps_response_idx" ON "user_latest_nps" ("environment_id", "response_row_id")`,
    );

    // Rows of the given responses, recopied from response_activity_30d when they are a latest.
    await queryRunner.query(`
      CREATE FUNCTION user_latest_activity_refresh(environment_ids bigint[], row_ids bigint[]) RETURNS void LANGUAGE sql AS $$
        WITH affected AS (
          SELECT DISTINCT environment_id, id FROM unnest(environment_ids, row_ids) AS t(environment_id, id)
        ),
        removed AS (
          DELETE FROM user_latest_activity_30d m USING affected t
           WHERE m.environment_id = t.environment_id AND m.response_row_id = t.id
             AND NOT EXISTS (
               SELECT 1 FROM user_latest_nps l
                 JOIN response_activity_30d a ON a.environment_id = l.environment_id AND a.response_row_id = l.response_row_id
                WHERE l.environment_id = m.environment_id AND l.response_row_id = m.response_row_id
                  AND a.name = m.name)
        )
        INSERT INTO user_latest_activity_30d AS m (environment_id, response_row_id, name, user_id, responded_at, score, events)
        SELECT l.environment_id, l.response_row_id, a.name, l.user_id, l.responded_at, l.score, a.events
          FROM affected t
          JOIN user_latest_nps l ON l.environment_id = t.environment_id AND l.response_row_id = t.id
          JOIN response_activity_30d a ON a.environment_id = l.environment_id AND a.response_row_id = l.response_row_id
         ORDER BY 1, 2, 3
        ON CONFLICT (environment_id, response_row_id, name) DO UPDATE
          SET user_id = excluded.user_id, responded_at = excluded.responded_at, score = excluded.score,
              events = excluded.events
          WHERE (m.user_id, m.responded_at, m.score, m.events)
                IS DISTINCT FROM (excluded.user_id, excluded.responded_at, excluded.score, excluded.events)
      $$`);
    // A user's latest response moves (a newer one, or the latest left NPS or the user): its rows
    // move with it. A user's first latest response and a latest response that goes need no
    // trigger here: the same write recounts that response's activity right after (the activity
    // trigger of survey_responses refreshes user_latest_nps first), and the triggers on
    // response_activity_30d below then copy or remove its rows.
    await queryRunner.query(`
      CREATE FUNCTION user_latest_activity_after_latest_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT FROM new_rows) THEN
          PERFORM user_latest_activity_refresh(array_agg(environment_id), array_agg(response_row_id))
             FROM (SELECT environment_id, response_row_id FROM new_rows
                   UNION SELECT environment_id, response_row_id FROM old_rows) changed;
        END IF;
        RETURN NULL;
      END $$`);
    // The guards keep a statement that changed nothing (an events batch before no response)
    // from even planning the refresh, which would lock user_latest_nps.
    await queryRunner.query(`
      CREATE FUNCTION user_latest_activity_after_activity_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF EXISTS (SELECT FROM old_rows) THEN
            PERFORM user_latest_activity_refresh(array_agg(environment_id), array_agg(response_row_id))
               FROM old_rows;
          END IF;
        ELSIF EXISTS (SELECT FROM new_rows) THEN
          PERFORM user_latest_activity_refresh(array_agg(environment_id), array_agg(response_row_id))
             FROM new_rows;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER user_latest_activity_update AFTER UPDATE ON user_latest_nps
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION user_latest_activity_after_latest_change()`);
    for (const [operation, references] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ]) {
      await queryRunner.query(`
        CREATE TRIGGER response_activity_latest_${operation.toLowerCase()} AFTER ${operation} ON response_activity_30d
          REFERENCING ${references} FOR EACH STATEMENT EXECUTE FUNCTION user_latest_activity_after_activity_change()`);
    }

    // Data stored before this migration.
    await queryRunner.query(`
      SELECT user_latest_activity_refresh(array_agg(environment_id), array_agg(response_row_id)) FROM user_latest_nps`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const suffix of ['insert', 'update', 'delete']) {
      await queryRunner.query(
        `DROP TRIGGER response_activity_latest_${suffix} ON response_activity_30d`,
      );
    }
    await queryRunner.query(`DROP TRIGGER user_latest_activity_update ON user_latest_nps`);
    await queryRunner.query(`DROP FUNCTION user_latest_activity_after_activity_change()`);
    await queryRunner.query(`DROP FUNCTION user_latest_activity_after_latest_change()`);
    await queryRunner.query(`DROP FUNCTION user_latest_activity_refresh(bigint[], bigint[])`);
    await queryRunner.query(`DROP INDEX "user_latest_nps_response_idx"`);
    await queryRunner.query(`DROP TABLE "user_latest_activity_30d"`);
  }
}
