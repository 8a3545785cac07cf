import { MigrationInterface, QueryRunner } from 'typeorm';
import { createStatementTriggers, dropStatementTriggers } from './support/statement-triggers';

/** The longest window activity correlations accept (windowDays ≤ 365), in hours. */
const HORIZON = `interval '8760 hours'`;

/**
 * user_latest_event_times: per matched user with a latest NPS response (user_latest_nps) and
 * event type (Submit Survey aside), the sorted times of the user's events in the 365 days before
 * that response, with its time and score. Correlations up to now over any window of W ≤ 365 days
 * count each observation's x = events in [t − W·24h, t) as two binary searches in one row
 * (cardinality minus width_bucket), instead of a range scan of events per observation.
 *
 * Kept by statement triggers in the writer's transaction: on user_latest_nps (a user's latest
 * response is new, moves or goes: the user's rows are recounted from events; only its score
 * changes: the score is copied) and on events (an event older than its user's latest response,
 * within the horizon, joins its row; events after it, the usual stream, change nothing).
 * Concurrent writers: as for response_activity_30d (migration 1764700000000), the recount takes
 * FOR SHARE on its users first, so an events batch of the same user committing meanwhile is
 * either waited for and seen, or waits and sees the new latest response.
 */
export class UserLatestEventTimes1766400000000 implements MigrationInterface {
  name = 'UserLatestEventTimes1766400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "user_latest_event_times" ("environment_id" bigint NOT NULL, "user_id" bigint NOT NULL,
        "name" character varying(1024) NOT NULL, "response_row_id" bigint NOT NULL,
        "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "score" integer NOT NULL,
        "times" TIMESTAMP WITH TIME ZONE array NOT NULL,
        CONSTRAINT "user_latest_event_times_pkey" PRIMARY KEY ("environment_id", "user_id", "name"))`);
    await queryRunner.query(
      `CREATE INDEX "user_latest_event_times_time_idx" ON "user_latest_event_times" ("environment_id", "responded_at")`,
    );

    await queryRunner.query(`
      CREATE FUNCTION user_latest_event_times_refresh(environment_ids bigint[], user_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF environment_ids IS NULL THEN RETURN; END IF;
        PERFORM 1 FROM users u
          WHERE (u.environment_id, u.id) IN (SELECT * FROM unnest(environment_ids, user_ids))
          ORDER BY u.environment_id, u.id FOR SHARE;
        DELETE FROM user_latest_event_times m USING unnest(environment_ids, user_ids) AS a(environment_id, user_id)
         WHERE m.environment_id = a.environment_id AND m.user_id = a.user_id;
        INSERT INTO user_latest_event_times (environment_id, user_id, name, response_row_id, responded_at, score, times)
        SELECT l.environment_id, l.user_id, e.name, l.response_row_id, l.responded_at, l.score,
               array_agg(e.time ORDER BY e.time)
          FROM (SELECT DISTINCT environment_id, user_id FROM unnest(environment_ids, user_ids) AS a(environment_id, user_id)) a
          JOIN user_latest_nps l ON l.environment_id = a.environment_id AND l.user_id = a.user_id
          JOIN events e ON e.environment_id = l.environment_id AND e.user_id = l.user_id
                       AND e.time >= l.responded_at - ${HORIZON} AND e.time < l.responded_at
                       AND e.name <> 'Submit Survey'
         GROUP BY l.environment_id, l.user_id, e.name, l.response_row_id, l.responded_at, l.score
         ORDER BY 1, 2, 3;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION user_latest_event_times_after_latest_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM user_latest_event_times_refresh(array_agg(environment_id), array_agg(user_id)) FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          DELETE FROM user_latest_event_times m USING old_rows o
           WHERE m.environment_id = o.environment_id AND m.user_id = o.user_id;
        ELSE
          UPDATE user_latest_event_times m SET score = n.score
            FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.user_id = n.user_id
           WHERE m.environment_id = n.environment_id AND m.user_id = n.user_id
             AND n.response_row_id = o.response_row_id AND n.responded_at = o.responded_at
             AND n.score <> o.score;
          PERFORM user_latest_event_times_refresh(array_agg(n.environment_id), array_agg(n.user_id))
             FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.user_id = n.user_id
            WHERE (n.response_row_id, n.responded_at) IS DISTINCT FROM (o.response_row_id, o.responded_at);
        END IF;
        RETURN NULL;
      END $$`);
    await createStatementTriggers(
      queryRunner,
      'user_latest_nps',
      'user_latest_event_times',
      'user_latest_event_times_after_latest_change',
    );
    // LATERAL keeps it one primary-key probe of user_latest_nps per event. Times later than all
    // stored (events loaded in time order) are appended without sorting.
    await queryRunner.query(`
      CREATE FUNCTION events_latest_times_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO user_latest_event_times AS m (environment_id, user_id, name, response_row_id, responded_at, score, times)
        SELECT l.environment_id, l.user_id, e.name, l.response_row_id, l.responded_at, l.score,
               array_agg(e.time ORDER BY e.time)
          FROM new_events e
          CROSS JOIN LATERAL (
            SELECT l.* FROM user_latest_nps l
             WHERE l.environment_id = e.environment_id AND l.user_id = e.user_id
               AND e.time < l.responded_at AND e.time >= l.responded_at - ${HORIZON}) l
         WHERE e.name <> 'Submit Survey'
         GROUP BY l.environment_id, l.user_id, e.name, l.response_row_id, l.responded_at, l.score
         ORDER BY 1, 2, 3
        ON CONFLICT (environment_id, user_id, name) DO UPDATE
          SET times = CASE WHEN excluded.times[1] >= m.times[cardinality(m.times)]
                           THEN m.times || excluded.times
                           ELSE (SELECT array_agg(t ORDER BY t) FROM unnest(m.times || excluded.times) AS t) END;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_latest_times_insert AFTER INSERT ON events
        REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION events_latest_times_after_insert()`);

    // Data stored before this migration.
    await queryRunner.query(`
      SELECT user_latest_event_times_refresh(array_agg(environment_id), array_agg(user_id)) FROM user_latest_nps`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_latest_times_insert ON events`);
    await queryRunner.query(`DROP FUNCTION events_latest_times_after_insert()`);
    await dropStatementTriggers(queryRunner, 'user_latest_nps', 'user_latest_event_times');
    await queryRunner.query(`DROP FUNCTION user_latest_event_times_after_latest_change()`);
    await queryRunner.query(`DROP FUNCTION user_latest_event_times_refresh(bigint[], bigint[])`);
    await queryRunner.query(`DROP TABLE "user_latest_event_times"`);
  }
}
