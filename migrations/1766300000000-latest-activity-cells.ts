import { MigrationInterface, QueryRunner } from 'typeorm';

const ORIGIN = `TIMESTAMPTZ '2000-01-01 00:00:00+00'`;
const DAY = `date_bin('1 day', responded_at, ${ORIGIN})`;

/**
 * Daily rollups of the observations of activity correlations (each matched user's latest NPS
 * response), so the default 30-day correlations read whole UTC days as counts instead of one row
 * per observation and event type (about 300,000 rows for a year at reference scale):
 *
 * - latest_score_counts_1d: per environment, UTC day of the latest response and score, the users
 *   (from user_latest_nps).
 * - latest_activity_cells_1d: per environment, UTC day, event type, events in the 30 days before
 *   the response and score, the users (from user_latest_activity_30d).
 *
 * Kept by statement triggers on their source tables in the writer's transaction, as signed deltas
 * in one sorted upsert per statement; cells that drop to zero are deleted by the same call.
 */
export class LatestActivityCells1766300000000 implements MigrationInterface {
  name = 'LatestActivityCells1766300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "latest_score_counts_1d" ("environment_id" bigint NOT NULL,
        "day" TIMESTAMP WITH TIME ZONE NOT NULL, "score" integer NOT NULL, "users" integer NOT NULL,
        CONSTRAINT "latest_score_counts_1d_pkey" PRIMARY KEY ("environment_id", "day", "score"))`);
    await queryRunner.query(`
      CREATE TABLE "latest_activity_cells_1d" ("environment_id" bigint NOT NULL,
        "day" TIMESTAMP WITH TIME ZONE NOT NULL, "name" character varying(1024) NOT NULL,
        "events" integer NOT NULL, "score" integer NOT NULL, "users" integer NOT NULL,
        CONSTRAINT "latest_activity_cells_1d_pkey" PRIMARY KEY ("environment_id", "day", "name", "events", "score"))`);

    // Two statements: the second sees the first's upserts and removes the cells it emptied.
    await queryRunner.query(`
      CREATE FUNCTION latest_score_counts_apply(environment_ids bigint[], times timestamptz[],
                                                scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO latest_score_counts_1d AS t (environment_id, day, score, users)
        SELECT environment_id, ${DAY}, score, sum(sign)
          FROM unnest(environment_ids, times, scores, signs) AS d(environment_id, responded_at, score, sign)
         GROUP BY 1, 2, 3 HAVING sum(sign) <> 0
         ORDER BY 1, 2, 3
        ON CONFLICT (environment_id, day, score) DO UPDATE SET users = t.users + excluded.users;
        DELETE FROM latest_score_counts_1d t
         USING (SELECT DISTINCT environment_id, ${DAY} AS day
                  FROM unnest(environment_ids, times) AS d(environment_id, responded_at)) d
         WHERE t.environment_id = d.environment_id AND t.day = d.day AND t.users = 0;
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION latest_activity_cells_apply(environment_ids bigint[], times timestamptz[],
                                                  names text[], counts int[], scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO latest_activity_cells_1d AS t (environment_id, day, name, events, score, users)
        SELECT environment_id, ${DAY}, name, events, score, sum(sign)
          FROM unnest(environment_ids, times, names, counts, scores, signs)
               AS d(environment_id, responded_at, name, events, score, sign)
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (environment_id, day, name, events, score) DO UPDATE SET users = t.users + excluded.users;
        DELETE FROM latest_activity_cells_1d t
         USING (SELECT DISTINCT environment_id, ${DAY} AS day
                  FROM unnest(environment_ids, times) AS d(environment_id, responded_at)) d
         WHERE t.environment_id = d.environment_id AND t.day = d.day AND t.users = 0;
      $$`);

    const sources = [
      {
        table: 'user_latest_nps',
        trigger: 'user_latest_nps_score_counts',
        fn: 'user_latest_nps_after_change_score_counts',
        columns: ['environment_id', 'responded_at', 'score'],
        apply: 'latest_score_counts_apply',
      },
      {
        table: 'user_latest_activity_30d',
        trigger: 'user_latest_activity_cells',
        fn: 'user_latest_activity_after_change_cells',
        columns: ['environment_id', 'responded_at', 'name', 'events', 'score'],
        apply: 'latest_activity_cells_apply',
      },
    ];
    for (const source of sources) {
      const rows = (table: string, sign: number) =>
        `SELECT ${source.columns.join(', ')}, ${sign} AS sign FROM ${table}`;
      const call = (rows: string) => `
          PERFORM ${source.apply}(${[...source.columns, 'sign'].map((c) => `array_agg(c.${c}${c === 'name' ? '::text' : ''})`).join(', ')})
             FROM (${rows}) c HAVING count(*) > 0;`;
      await queryRunner.query(`
        CREATE FUNCTION ${source.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN ${call(rows('new_rows', 1))}
          ELSIF TG_OP = 'DELETE' THEN ${call(rows('old_rows', -1))}
          ELSE ${call(`${rows('new_rows', 1)} UNION ALL ${rows('old_rows', -1)}`)}
          END IF;
          RETURN NULL;
        END $$`);
      for (const operation of ['INSERT', 'UPDATE', 'DELETE']) {
        const tables =
          operation === 'INSERT'
            ? 'NEW TABLE AS new_rows'
            : operation === 'DELETE'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await queryRunner.query(`
          CREATE TRIGGER ${source.trigger}_${operation.toLowerCase()} AFTER ${operation} ON ${source.table}
            REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${source.fn}()`);
      }
    }

    // Data stored before this migration.
    await queryRunner.query(`
      INSERT INTO latest_score_counts_1d (environment_id, day, score, users)
      SELECT environment_id, ${DAY}, score, count(*) FROM user_latest_nps GROUP BY 1, 2, 3`);
    await queryRunner.query(`
      INSERT INTO latest_activity_cells_1d (environment_id, day, name, events, score, users)
      SELECT environment_id, ${DAY}, name, events, score, count(*) FROM user_latest_activity_30d
       GROUP BY 1, 2, 3, 4, 5`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, trigger, fn] of [
      [
        'user_latest_nps',
        'user_latest_nps_score_counts',
        'user_latest_nps_after_change_score_counts',
      ],
      [
        'user_latest_activity_30d',
        'user_latest_activity_cells',
        'user_latest_activity_after_change_cells',
      ],
    ]) {
      for (const operation of ['insert', 'update', 'delete']) {
        await queryRunner.query(`DROP TRIGGER ${trigger}_${operation} ON ${table}`);
      }
      await queryRunner.query(`DROP FUNCTION ${fn}()`);
    }
    await queryRunner.query(
      `DROP FUNCTION latest_activity_cells_apply(bigint[], timestamptz[], text[], int[], int[], int[])`,
    );
    await queryRunner.query(
      `DROP FUNCTION latest_score_counts_apply(bigint[], timestamptz[], int[], int[])`,
    );
    await queryRunner.query(`DROP TABLE "latest_activity_cells_1d"`);
    await queryRunner.query(`DROP TABLE "latest_score_counts_1d"`);
  }
}
