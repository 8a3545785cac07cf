import { MigrationInterface, QueryRunner } from 'typeorm';

const SEGMENTS = [
  ['promoter', 'score >= 9'],
  ['passive', 'score BETWEEN 7 AND 8'],
  ['detractor', 'score <= 6'],
] as const;

/** The nine (previous segment, segment) cells: column name and condition on the scores. */
const CELLS = SEGMENTS.flatMap(([from, fromScores]) =>
  SEGMENTS.map(([to, toScores]) => ({
    column: `${from}_${to}`,
    condition: `previous_${fromScores} AND ${toScores}`,
  })),
);

/** response_pair_counts: the pairs of each cell, then those with a chain_at. */
const COUNT_COLUMNS = [
  ...CELLS.map((cell) => cell.column),
  ...CELLS.map((cell) => `chained_${cell.column}`),
];

/** Each respondent's NPS responses in order, with the two before each (lag 1 and 2). */
const SEQUENCE_COLUMNS = `lag(s.id) OVER w AS previous_row_id, lag(s.responded_at) OVER w AS previous_at,
           lag(s.score) OVER w AS previous_score, lag(s.responded_at, 2) OVER w AS chain_at`;

/**
 * response_pairs: one row per NPS response that has an earlier one of the same respondent (a
 * Delighted person; a response without one stands for itself), with that previous response's
 * time and score and the time of the one before it (chain_at, null when the previous one is the
 * respondent's first), in (responded_at, id) order. segmentTransitions over a range counts the
 * rows whose previous response is at or after `from` and whose response is before `to`: exactly
 * the consecutive pairs inside the range; a pair's previous response is the respondent's first
 * in the range when chain_at is null or before `from`, which counts respondents without a
 * DISTINCT. response_pair_counts holds the environment's totals per (previous segment, segment)
 * cell (and how many of them have a chain_at) in one row, kept by statement triggers on
 * response_pairs, so a
 * range that reaches nearly everything counts the few pairs outside it instead of all inside:
 * the pairs before `from` and those at or after `to` are index ranges at the ends.
 *
 * Kept exact by statement triggers on survey_responses in the writer's transaction: an insert,
 * a delete, or an update of a response's respondent, time, score or NPS-ness recomputes every row
 * of the respondents it touched (old and new respondent), so the next response's previous (and
 * the one after's chain_at) follow too. User matches do not touch it: a pair belongs to the
 * respondent, and filtered questions read survey_responses.
 */
export class ResponsePairs1765900000000 implements MigrationInterface {
  name = 'ResponsePairs1765900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "response_pairs" ("environment_id" bigint NOT NULL, "response_row_id" bigint NOT NULL,
        "person" text NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "score" integer NOT NULL,
        "previous_row_id" bigint NOT NULL, "previous_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "previous_score" integer NOT NULL, "chain_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "response_pairs_pkey" PRIMARY KEY ("environment_id", "response_row_id"))`);
    // The counts: pairs whose previous response is at or after `from` (index-only).
    await queryRunner.query(
      `CREATE INDEX "response_pairs_previous_idx" ON "response_pairs" ("environment_id", "previous_at") INCLUDE ("responded_at", "previous_score", "score", "chain_at")`,
    );
    // The pairs of a cell, latest first.
    await queryRunner.query(
      `CREATE INDEX "response_pairs_time_idx" ON "response_pairs" ("environment_id", "responded_at", "response_row_id") INCLUDE ("previous_at", "previous_score", "score")`,
    );
    await queryRunner.query(
      `CREATE INDEX "response_pairs_person_idx" ON "response_pairs" ("environment_id", "person")`,
    );
    // Pairs whose previous response is not the respondent's first, by chain_at.
    await queryRunner.query(
      `CREATE INDEX "response_pairs_chain_idx" ON "response_pairs" ("environment_id", "chain_at") WHERE chain_at IS NOT NULL`,
    );
    // One row per environment (as respondent_segment_counts): concurrent writers lock the same
    // single row and cannot deadlock on the order of cells.
    await queryRunner.query(`
      CREATE TABLE "response_pair_counts" ("environment_id" bigint NOT NULL,
        ${COUNT_COLUMNS.map((column) => `"${column}" integer NOT NULL`).join(', ')},
        CONSTRAINT "response_pair_counts_pkey" PRIMARY KEY ("environment_id"))`);
    // Signed rows (+1 new, −1 old) of response_pairs into the per-cell totals, one sorted upsert.
    await queryRunner.query(`
      CREATE FUNCTION response_pair_counts_apply(environment_ids bigint[], previous_scores int[], scores int[],
                                                 chained boolean[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO response_pair_counts AS c (environment_id, ${COUNT_COLUMNS.join(', ')})
        SELECT environment_id,
               ${CELLS.map(
                 (cell) => `coalesce(sum(sign) FILTER (WHERE ${cell.condition}), 0)`,
               ).join(', ')},
               ${CELLS.map(
                 (cell) => `coalesce(sum(sign) FILTER (WHERE chained AND ${cell.condition}), 0)`,
               ).join(', ')}
          FROM unnest(environment_ids, previous_scores, scores, chained, signs)
               AS d(environment_id, previous_score, score, chained, sign)
         GROUP BY 1
         ORDER BY 1
        ON CONFLICT (environment_id) DO UPDATE
          SET ${COUNT_COLUMNS.map((column) => `${column} = c.${column} + excluded.${column}`).join(', ')}
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION response_pairs_counts_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM response_pair_counts_apply(array_agg(environment_id), array_agg(previous_score), array_agg(score),
                                             array_agg(chain_at IS NOT NULL), array_agg(1))
             FROM new_rows HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM response_pair_counts_apply(array_agg(environment_id), array_agg(previous_score), array_agg(score),
                                             array_agg(chain_at IS NOT NULL), array_agg(-1))
             FROM old_rows HAVING count(*) > 0;
        ELSE
          PERFORM response_pair_counts_apply(array_agg(environment_id), array_agg(previous_score), array_agg(score),
                                             array_agg(chained), array_agg(sign))
             FROM (SELECT environment_id, previous_score, score, chain_at IS NOT NULL AS chained, 1 AS sign FROM new_rows
                   UNION ALL
                   SELECT environment_id, previous_score, score, chain_at IS NOT NULL, -1 FROM old_rows) changes
           HAVING count(*) > 0;
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
        CREATE TRIGGER response_pairs_counts_${operation.toLowerCase()} AFTER ${operation} ON response_pairs
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION response_pairs_counts_after_change()`);
    }

    // Recomputes the rows of the given respondents from survey_responses (OFFSET 0: one index
    // range of survey_responses_respondent_idx per respondent, never a join with every response).
    await queryRunner.query(`
      CREATE FUNCTION response_pairs_refresh(environment_ids bigint[], persons text[]) RETURNS void LANGUAGE sql AS $$
        WITH affected AS (
          SELECT DISTINCT environment_id, person FROM unnest(environment_ids, persons) AS a(environment_id, person)
        ),
        sequenced AS (
          SELECT a.environment_id, a.person, s.id, s.responded_at, s.score,
                 ${SEQUENCE_COLUMNS}
            FROM affected a
            CROSS JOIN LATERAL (
              SELECT r.id, r.responded_at, r.score FROM survey_responses r
               WHERE r.environment_id = a.environment_id AND r.is_nps
                 AND coalesce(r.person_id, 'response:' || r.response_id) = a.person
              OFFSET 0) s
          WINDOW w AS (PARTITION BY a.environment_id, a.person ORDER BY s.responded_at, s.id)
        ),
        fresh AS (SELECT * FROM sequenced WHERE previous_row_id IS NOT NULL),
        removed AS (
          DELETE FROM response_pairs p USING affected a
           WHERE p.environment_id = a.environment_id AND p.person = a.person
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.environment_id = p.environment_id AND f.id = p.response_row_id)
        )
        INSERT INTO response_pairs AS p (environment_id, response_row_id, person, responded_at, score,
                                         previous_row_id, previous_at, previous_score, chain_at)
        SELECT environment_id, id, person, responded_at, score, previous_row_id, previous_at, previous_score, chain_at
          FROM fresh ORDER BY environment_id, id
        ON CONFLICT (environment_id, response_row_id) DO UPDATE
          SET person = excluded.person, responded_at = excluded.responded_at, score = excluded.score,
              previous_row_id = excluded.previous_row_id, previous_at = excluded.previous_at,
              previous_score = excluded.previous_score, chain_at = excluded.chain_at
          WHERE (p.person, p.responded_at, p.score, p.previous_row_id, p.previous_at, p.previous_score, p.chain_at)
                IS DISTINCT FROM (excluded.person, excluded.responded_at, excluded.score, excluded.previous_row_id,
                                  excluded.previous_at, excluded.previous_score, excluded.chain_at)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_pairs_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM response_pairs_refresh(array_agg(environment_id), array_agg(coalesce(person_id, 'response:' || response_id)))
             FROM new_rows WHERE is_nps HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM response_pairs_refresh(array_agg(environment_id), array_agg(coalesce(person_id, 'response:' || response_id)))
             FROM old_rows WHERE is_nps HAVING count(*) > 0;
        ELSE
          -- Only what orders or scores a respondent's responses matters (not user matches).
          PERFORM response_pairs_refresh(array_agg(environment_id), array_agg(person))
             FROM (SELECT n.environment_id, coalesce(n.person_id, 'response:' || n.response_id) AS person
                     FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
                    WHERE (n.person_id, n.response_id, n.responded_at, n.score, n.is_nps)
                          IS DISTINCT FROM (o.person_id, o.response_id, o.responded_at, o.score, o.is_nps)
                   UNION
                   SELECT o.environment_id, coalesce(o.person_id, 'response:' || o.response_id)
                     FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
                    WHERE (n.person_id, n.response_id, n.responded_at, n.score, n.is_nps)
                          IS DISTINCT FROM (o.person_id, o.response_id, o.responded_at, o.score, o.is_nps)) changed
           HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_pairs_insert AFTER INSERT ON survey_responses
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_responses_pairs_after_change()`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_pairs_update AFTER UPDATE ON survey_responses
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION survey_responses_pairs_after_change()`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_pairs_delete AFTER DELETE ON survey_responses
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_responses_pairs_after_change()`);

    // Responses stored before this migration, in one pass.
    await queryRunner.query(`
      INSERT INTO response_pairs (environment_id, response_row_id, person, responded_at, score,
                                  previous_row_id, previous_at, previous_score, chain_at)
      SELECT environment_id, id, person, responded_at, score, previous_row_id, previous_at, previous_score, chain_at
        FROM (
          SELECT s.environment_id, s.person, s.id, s.responded_at, s.score,
                 ${SEQUENCE_COLUMNS}
            FROM (SELECT r.environment_id, coalesce(r.person_id, 'response:' || r.response_id) AS person,
                         r.id, r.responded_at, r.score
                    FROM survey_responses r WHERE r.is_nps) s
          WINDOW w AS (PARTITION BY s.environment_id, s.person ORDER BY s.responded_at, s.id)
        ) sequenced
       WHERE previous_row_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const operation of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER response_pairs_counts_${operation} ON response_pairs`);
    }
    await queryRunner.query(`DROP FUNCTION response_pairs_counts_after_change()`);
    await queryRunner.query(
      `DROP FUNCTION response_pair_counts_apply(bigint[], int[], int[], boolean[], int[])`,
    );
    await queryRunner.query(`DROP TABLE "response_pair_counts"`);
    await queryRunner.query(`DROP TRIGGER survey_responses_pairs_delete ON survey_responses`);
    await queryRunner.query(`DROP TRIGGER survey_responses_pairs_update ON survey_responses`);
    await queryRunner.query(`DROP TRIGGER survey_responses_pairs_insert ON survey_responses`);
    await queryRunner.query(`DROP FUNCTION survey_responses_pairs_after_change()`);
    await queryRunner.query(`DROP FUNCTION response_pairs_refresh(bigint[], text[])`);
    await queryRunner.query(`DROP TABLE "response_pairs"`);
  }
}
