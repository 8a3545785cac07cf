import { MigrationInterface, QueryRunner } from 'typeorm';

const SCORES = Array.from({ length: 11 }, (_, score) => score);
const scoreColumns = SCORES.map((score) => `score_${score}`);

/**
 * Why NPS moved, score distributions and accounts:
 * - nps_rollup_15m gains one count per score (score_0 … score_10), kept by the same trigger
 *   function as its other counts, so score distributions of unfiltered ALL_RESPONSES ranges read
 *   the slots instead of every response;
 * - environments gain the account and revenue properties (setAccountProperty; changeable);
 * - users gain `account` and `account_revenue`, derived from those properties and kept in step on
 *   every write (as email_normalized is), indexed so accounts and their revenue are found
 *   without reading every user's properties.
 */
export class AccountsAndScoreCounts1765000000000 implements MigrationInterface {
  name = 'AccountsAndScoreCounts1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "nps_rollup_15m" ${scoreColumns
        .map((column) => `ADD "${column}" integer NOT NULL DEFAULT 0`)
        .join(', ')}`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION nps_rollup_apply(environment_ids bigint[], times timestamptz[], scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO nps_rollup_15m AS t (environment_id, slot, responses, promoters, passives, detractors, score_sum,
                                         ${scoreColumns.join(', ')})
        SELECT environment_id, date_bin('15 minutes', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
               sum(sign), coalesce(sum(sign) FILTER (WHERE score >= 9), 0),
               coalesce(sum(sign) FILTER (WHERE score BETWEEN 7 AND 8), 0),
               coalesce(sum(sign) FILTER (WHERE score <= 6), 0), sum(sign * score),
               ${SCORES.map((score) => `coalesce(sum(sign) FILTER (WHERE score = ${score}), 0)`).join(', ')}
          FROM unnest(environment_ids, times, scores, signs) AS c(environment_id, responded_at, score, sign)
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (environment_id, slot) DO UPDATE
          SET responses = t.responses + excluded.responses, promoters = t.promoters + excluded.promoters,
              passives = t.passives + excluded.passives, detractors = t.detractors + excluded.detractors,
              score_sum = t.score_sum + excluded.score_sum,
              ${scoreColumns.map((column) => `${column} = t.${column} + excluded.${column}`).join(', ')}
      $$`);
    // Slots of responses stored before this migration.
    await queryRunner.query(`
      UPDATE nps_rollup_15m t SET ${scoreColumns.map((column) => `${column} = s.${column}`).join(', ')}
        FROM (SELECT environment_id, date_bin('15 minutes', responded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS slot,
                     ${SCORES.map((score) => `count(*) FILTER (WHERE score = ${score})::int AS score_${score}`).join(', ')}
                FROM survey_responses WHERE is_nps GROUP BY 1, 2) s
       WHERE t.environment_id = s.environment_id AND t.slot = s.slot`);

    await queryRunner.query(
      `ALTER TABLE "environments" ADD "account_property" text, ADD "revenue_property" text`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "account" text, ADD "account_revenue" double precision`,
    );
    await queryRunner.query(
      `CREATE INDEX "users_environment_account_idx" ON "users" ("environment_id", "account") INCLUDE ("account_revenue") WHERE account IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "users_environment_account_idx"`);
    await queryRunner.query(
      `ALTER TABLE "users" DROP COLUMN "account_revenue", DROP COLUMN "account"`,
    );
    await queryRunner.query(
      `ALTER TABLE "environments" DROP COLUMN "revenue_property", DROP COLUMN "account_property"`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION nps_rollup_apply(environment_ids bigint[], times timestamptz[], scores int[], signs int[])
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
    await queryRunner.query(
      `ALTER TABLE "nps_rollup_15m" ${scoreColumns.map((column) => `DROP COLUMN "${column}"`).join(', ')}`,
    );
  }
}
