import { MigrationInterface, QueryRunner } from 'typeorm';

const SCORES = Array.from({ length: 11 }, (_, score) => score);
const scoreColumns = SCORES.map((score) => `score_${score}`);
const COUNT_COLUMNS = [
  'responses',
  'promoters',
  'passives',
  'detractors',
  'score_sum',
  ...scoreColumns,
];
const ORIGIN = `TIMESTAMPTZ '2000-01-01 00:00:00+00'`;

/** Adds each count of `excluded` to the row of `table` it conflicts with. */
function addExcluded(): string {
  return COUNT_COLUMNS.map((column) => `${column} = t.${column} + excluded.${column}`).join(', ');
}

/**
 * nps_rollup_1d: the counts of nps_rollup_15m per UTC day, kept by the same trigger function in
 * the same statement, so a range of months sums hundreds of days instead of tens of thousands of
 * slots (its partial days still come from the slots, its partial slots from rows).
 */
export class NpsDailyRollup1765800000000 implements MigrationInterface {
  name = 'NpsDailyRollup1765800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "nps_rollup_1d" ("environment_id" bigint NOT NULL, "day" TIMESTAMP WITH TIME ZONE NOT NULL,
        "responses" integer NOT NULL, "promoters" integer NOT NULL, "passives" integer NOT NULL,
        "detractors" integer NOT NULL, "score_sum" bigint NOT NULL,
        ${scoreColumns.map((column) => `"${column}" integer NOT NULL DEFAULT 0`).join(', ')},
        CONSTRAINT "nps_rollup_1d_pkey" PRIMARY KEY ("environment_id", "day"))`);
    await queryRunner.query(`
      INSERT INTO nps_rollup_1d (environment_id, day, ${COUNT_COLUMNS.join(', ')})
      SELECT environment_id, date_bin('1 day', slot, ${ORIGIN}),
             ${COUNT_COLUMNS.map((column) => `sum(${column})`).join(', ')}
        FROM nps_rollup_15m GROUP BY 1, 2`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION nps_rollup_apply(environment_ids bigint[], times timestamptz[], scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        WITH changes AS (
          SELECT environment_id, date_bin('15 minutes', responded_at, ${ORIGIN}) AS slot,
                 sum(sign) AS responses, coalesce(sum(sign) FILTER (WHERE score >= 9), 0) AS promoters,
                 coalesce(sum(sign) FILTER (WHERE score BETWEEN 7 AND 8), 0) AS passives,
                 coalesce(sum(sign) FILTER (WHERE score <= 6), 0) AS detractors, sum(sign * score) AS score_sum,
                 ${SCORES.map((score) => `coalesce(sum(sign) FILTER (WHERE score = ${score}), 0) AS score_${score}`).join(', ')}
            FROM unnest(environment_ids, times, scores, signs) AS c(environment_id, responded_at, score, sign)
           GROUP BY 1, 2
        ), slots AS (
          INSERT INTO nps_rollup_15m AS t (environment_id, slot, ${COUNT_COLUMNS.join(', ')})
          SELECT environment_id, slot, ${COUNT_COLUMNS.join(', ')} FROM changes ORDER BY 1, 2
          ON CONFLICT (environment_id, slot) DO UPDATE SET ${addExcluded()}
        )
        INSERT INTO nps_rollup_1d AS t (environment_id, day, ${COUNT_COLUMNS.join(', ')})
        SELECT environment_id, date_bin('1 day', slot, ${ORIGIN}),
               ${COUNT_COLUMNS.map((column) => `sum(${column})`).join(', ')}
          FROM changes GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (environment_id, day) DO UPDATE SET ${addExcluded()}
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION nps_rollup_apply(environment_ids bigint[], times timestamptz[], scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO nps_rollup_15m AS t (environment_id, slot, ${COUNT_COLUMNS.join(', ')})
        SELECT environment_id, date_bin('15 minutes', responded_at, ${ORIGIN}),
               sum(sign), coalesce(sum(sign) FILTER (WHERE score >= 9), 0),
               coalesce(sum(sign) FILTER (WHERE score BETWEEN 7 AND 8), 0),
               coalesce(sum(sign) FILTER (WHERE score <= 6), 0), sum(sign * score),
               ${SCORES.map((score) => `coalesce(sum(sign) FILTER (WHERE score = ${score}), 0)`).join(', ')}
          FROM unnest(environment_ids, times, scores, signs) AS c(environment_id, responded_at, score, sign)
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (environment_id, slot) DO UPDATE SET ${addExcluded()}
      $$`);
    await queryRunner.query(`DROP TABLE "nps_rollup_1d"`);
  }
}
