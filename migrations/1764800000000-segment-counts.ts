import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * respondent_segment_counts: how many respondents' latest NPS response is in each segment, one
 * row per environment, kept by statement triggers on respondent_latest (itself kept by triggers on
 * survey_responses). Segment totals "as of now" then cost one row read instead of counting an
 * index range of every member. One row rather than one per segment, so concurrent writers lock
 * the same single row and cannot deadlock on their order.
 */
export class SegmentCounts1764800000000 implements MigrationInterface {
  name = 'SegmentCounts1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "respondent_segment_counts" ("environment_id" bigint NOT NULL,
        "promoters" integer NOT NULL, "passives" integer NOT NULL, "detractors" integer NOT NULL,
        CONSTRAINT "respondent_segment_counts_pkey" PRIMARY KEY ("environment_id"))`);
    await queryRunner.query(`
      CREATE FUNCTION respondent_segment_counts_apply(environment_ids bigint[], segments text[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO respondent_segment_counts AS c (environment_id, promoters, passives, detractors)
        SELECT environment_id,
               coalesce(sum(sign) FILTER (WHERE segment = 'PROMOTER'), 0),
               coalesce(sum(sign) FILTER (WHERE segment = 'PASSIVE'), 0),
               coalesce(sum(sign) FILTER (WHERE segment = 'DETRACTOR'), 0)
          FROM unnest(environment_ids, segments, signs) AS d(environment_id, segment, sign)
         GROUP BY environment_id ORDER BY environment_id
        ON CONFLICT (environment_id) DO UPDATE
          SET promoters = c.promoters + excluded.promoters, passives = c.passives + excluded.passives,
              detractors = c.detractors + excluded.detractors
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION respondent_latest_counts_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM respondent_segment_counts_apply(array_agg(environment_id), array_agg(segment), array_agg(1))
             FROM new_rows HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM respondent_segment_counts_apply(array_agg(environment_id), array_agg(segment), array_agg(-1))
             FROM old_rows HAVING count(*) > 0;
        ELSE
          PERFORM respondent_segment_counts_apply(array_agg(environment_id), array_agg(segment), array_agg(sign))
             FROM (SELECT environment_id, segment, 1 AS sign FROM new_rows
                   UNION ALL SELECT environment_id, segment, -1 FROM old_rows) changes
           HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER respondent_latest_counts_insert AFTER INSERT ON respondent_latest
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION respondent_latest_counts_after_change()`);
    await queryRunner.query(`
      CREATE TRIGGER respondent_latest_counts_update AFTER UPDATE ON respondent_latest
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION respondent_latest_counts_after_change()`);
    await queryRunner.query(`
      CREATE TRIGGER respondent_latest_counts_delete AFTER DELETE ON respondent_latest
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION respondent_latest_counts_after_change()`);
    // Respondents stored before this migration.
    await queryRunner.query(`
      SELECT respondent_segment_counts_apply(array_agg(environment_id), array_agg(segment), array_agg(1))
        FROM respondent_latest HAVING count(*) > 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER respondent_latest_counts_delete ON respondent_latest`);
    await queryRunner.query(`DROP TRIGGER respondent_latest_counts_update ON respondent_latest`);
    await queryRunner.query(`DROP TRIGGER respondent_latest_counts_insert ON respondent_latest`);
    await queryRunner.query(`DROP FUNCTION respondent_latest_counts_after_change()`);
    await queryRunner.query(
      `DROP FUNCTION respondent_segment_counts_apply(bigint[], text[], int[])`,
    );
    await queryRunner.query(`DROP TABLE "respondent_segment_counts"`);
  }
}
