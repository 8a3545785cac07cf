import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps the analytics fast, kept correct by triggers on survey_responses so that every write
 * path (API sync, webhooks, imports, late user matches) updates them in the same transaction:
 * - nps_rollup_15m: NPS counts per 15-minute UTC slot (every IANA offset is a multiple of 15 min);
 * - respondent_latest: each respondent's latest NPS response (segments as of now).
 */
export class NpsRollups1764600000000 implements MigrationInterface {
  name = 'NpsRollups1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "nps_rollup_15m" ("environment_id" bigint NOT NULL, "slot" TIMESTAMP WITH TIME ZONE NOT NULL,
        "responses" integer NOT NULL, "promoters" integer NOT NULL, "passives" integer NOT NULL,
        "detractors" integer NOT NULL, "score_sum" bigint NOT NULL,
        CONSTRAINT "nps_rollup_15m_pkey" PRIMARY KEY ("environment_id", "slot"))`);
    await queryRunner.query(`
      CREATE TABLE "respondent_latest" ("environment_id" bigint NOT NULL, "person" text NOT NULL,
        "response_row_id" bigint NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "score" integer NOT NULL,
        "segment" text NOT NULL, "user_id" bigint,
        CONSTRAINT "respondent_latest_pkey" PRIMARY KEY ("environment_id", "person"))`);
    await queryRunner.query(
      `CREATE INDEX "respondent_latest_segment_time_idx" ON "respondent_latest" ("environment_id", "segment", "responded_at", "response_row_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "respondent_latest_time_idx" ON "respondent_latest" ("environment_id", "responded_at", "response_row_id")`,
    );
    await queryRunner.query(`
      CREATE INDEX "survey_responses_respondent_idx" ON "survey_responses"
        ("environment_id", (coalesce(person_id, 'response:' || response_id)), "responded_at" DESC, "id" DESC)
        WHERE is_nps`);

    // Adds signed rows (+1 new, −1 old) to the 15-minute slots.
    await queryRunner.query(`
      CREATE FUNCTION nps_rollup_apply(environment_ids bigint[], times timestamptz[], scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO nps_rollup_15m AS t (environment_id, slot, responses, promoters, passives, detractors, score_sum)
        SELECT environment_id, date_bin('15 minutes', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
               sum(sign), coalesce(sum(sign) FILTER (WHERE score >= 9), 0),
               coalesce(sum(sign) FILTER (WHERE score BETWEEN 7 AND 8), 0),
               coalesce(sum(sign) FILTER (WHERE score <= 6), 0), sum(sign * score)
          FROM unnest(environment_ids, times, scores, signs) AS c(environment_id, responded_at, score, sign)
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (environment_id, slot) DO UPDATE
          SET responses = t.responses + excluded.responses, promoters = t.promoters + excluded.promoters,
              passives = t.passives + excluded.passives, detractors = t.detractors + excluded.detractors,
              score_sum = t.score_sum + excluded.score_sum
      $$`);
    // Recomputes respondent_latest for the given respondents from survey_responses.
    await queryRunner.query(`
      CREATE FUNCTION respondent_latest_refresh(environment_ids bigint[], persons text[]) RETURNS void LANGUAGE sql AS $$
        WITH affected AS (
          SELECT DISTINCT environment_id, person FROM unnest(environment_ids, persons) AS a(environment_id, person)
        ),
        fresh AS (
          SELECT a.environment_id, a.person, latest.id, latest.responded_at, latest.score, latest.user_id
            FROM affected a
            CROSS JOIN LATERAL (
              SELECT r.id, r.responded_at, r.score, r.user_id FROM survey_responses r
               WHERE r.environment_id = a.environment_id AND r.is_nps
                 AND coalesce(r.person_id, 'response:' || r.response_id) = a.person
               ORDER BY r.responded_at DESC, r.id DESC LIMIT 1) latest
        ),
        removed AS (
          DELETE FROM respondent_latest l USING affected a
           WHERE l.environment_id = a.environment_id AND l.person = a.person
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.environment_id = a.environment_id AND f.person = a.person)
        )
        INSERT INTO respondent_latest AS l (environment_id, person, response_row_id, responded_at, score, segment, user_id)
        SELECT environment_id, person, id, responded_at, score,
               CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END, user_id
          FROM fresh ORDER BY environment_id, person
        ON CONFLICT (environment_id, person) DO UPDATE
          SET response_row_id = excluded.response_row_id, responded_at = excluded.responded_at,
              score = excluded.score, segment = excluded.segment, user_id = excluded.user_id
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nps_rollup_apply(array_agg(environment_id), array_agg(responded_at), array_agg(score), array_agg(1))
           FROM new_rows WHERE is_nps;
        PERFORM respondent_latest_refresh(array_agg(environment_id), array_agg(coalesce(person_id, 'response:' || response_id)))
           FROM new_rows WHERE is_nps;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nps_rollup_apply(array_agg(environment_id), array_agg(responded_at), array_agg(score), array_agg(sign))
           FROM (SELECT environment_id, responded_at, score, 1 AS sign FROM new_rows WHERE is_nps
                 UNION ALL
                 SELECT environment_id, responded_at, score, -1 FROM old_rows WHERE is_nps) changes;
        PERFORM respondent_latest_refresh(array_agg(environment_id), array_agg(person))
           FROM (SELECT environment_id, coalesce(person_id, 'response:' || response_id) AS person FROM new_rows
                 UNION
                 SELECT environment_id, coalesce(person_id, 'response:' || response_id) FROM old_rows) respondents;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_rollups_insert AFTER INSERT ON survey_responses
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_responses_after_insert()`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_rollups_update AFTER UPDATE ON survey_responses
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION survey_responses_after_update()`);
    // Responses stored before this migration.
    await queryRunner.query(`
      SELECT nps_rollup_apply(array_agg(environment_id), array_agg(responded_at), array_agg(score), array_agg(1))
        FROM survey_responses WHERE is_nps`);
    await queryRunner.query(`
      SELECT respondent_latest_refresh(array_agg(environment_id), array_agg(coalesce(person_id, 'response:' || response_id)))
        FROM survey_responses WHERE is_nps`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER survey_responses_rollups_update ON survey_responses`);
    await queryRunner.query(`DROP TRIGGER survey_responses_rollups_insert ON survey_responses`);
    await queryRunner.query(`DROP FUNCTION survey_responses_after_update()`);
    await queryRunner.query(`DROP FUNCTION survey_responses_after_insert()`);
    await queryRunner.query(`DROP FUNCTION respondent_latest_refresh(bigint[], text[])`);
    await queryRunner.query(
      `DROP FUNCTION nps_rollup_apply(bigint[], timestamptz[], int[], int[])`,
    );
    await queryRunner.query(`DROP INDEX "survey_responses_respondent_idx"`);
    await queryRunner.query(`DROP TABLE "respondent_latest"`);
    await queryRunner.query(`DROP TABLE "nps_rollup_15m"`);
  }
}
