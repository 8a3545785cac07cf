import { MigrationInterface, QueryRunner } from 'typeorm';

const ORIGIN = `TIMESTAMPTZ '2000-01-01 00:00:00+00'`;
/** A user's value of property p: trimmed, '' when the user (or response's user) has none. */
const valueOf = (properties: string, property: string) =>
  `coalesce(nullif(btrim(${properties} ->> ${property}), ''), '')`;

/**
 * Breakdown properties: up to five user properties per environment (setBreakdownProperties) whose
 * values npsChange breaks a change down by from a rollup instead of joining every response of two
 * periods to its user.
 *
 * property_nps_1d: per environment, breakdown property, UTC day and value ('' for responses
 * without a user or whose user lacks the property), the category counts of NPS responses under
 * their user's current value. Kept by statement triggers in the writer's transaction, as signed
 * deltas in one sorted upsert per statement: on survey_responses (new, changed, moved, rematched
 * or deleted responses) and on users when a breakdown property's value changes (that user's
 * responses move from the old value to the new one). setBreakdownProperties fills a newly chosen
 * property under the environment's exclusive write lock. Rows may drop to zero and stay.
 */
export class PropertyNpsRollup1766200000000 implements MigrationInterface {
  name = 'PropertyNpsRollup1766200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "environments" ADD "breakdown_properties" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`
      CREATE TABLE "property_nps_1d" ("environment_id" bigint NOT NULL, "property" text NOT NULL,
        "day" TIMESTAMP WITH TIME ZONE NOT NULL, "value" text NOT NULL,
        "responses" integer NOT NULL, "promoters" integer NOT NULL, "passives" integer NOT NULL,
        "detractors" integer NOT NULL, "score_sum" bigint NOT NULL,
        CONSTRAINT "property_nps_1d_pkey" PRIMARY KEY ("environment_id", "property", "day", "value"))`);
    await queryRunner.query(`
      CREATE FUNCTION property_nps_apply(environment_ids bigint[], properties text[], vals text[],
                                         times timestamptz[], scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO property_nps_1d AS t (environment_id, property, day, value, responses, promoters, passives,
                                          detractors, score_sum)
        SELECT environment_id, property, date_bin('1 day', responded_at, ${ORIGIN}), value, sum(sign),
               coalesce(sum(sign) FILTER (WHERE score >= 9), 0),
               coalesce(sum(sign) FILTER (WHERE score BETWEEN 7 AND 8), 0),
               coalesce(sum(sign) FILTER (WHERE score <= 6), 0), sum(sign * score)
          FROM unnest(environment_ids, properties, vals, times, scores, signs)
               AS d(environment_id, property, value, responded_at, score, sign)
         GROUP BY 1, 2, 3, 4
        HAVING sum(sign) <> 0 OR sum(sign * score) <> 0 OR sum(sign) FILTER (WHERE score >= 9) <> 0
            OR sum(sign) FILTER (WHERE score <= 6) <> 0
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (environment_id, property, day, value) DO UPDATE
          SET responses = t.responses + excluded.responses, promoters = t.promoters + excluded.promoters,
              passives = t.passives + excluded.passives, detractors = t.detractors + excluded.detractors,
              score_sum = t.score_sum + excluded.score_sum
      $$`);
    // Each changed NPS response once per breakdown property of its environment, under its user's value.
    const deltas = (rows: string) => `
      SELECT c.environment_id, p.property, ${valueOf('u.properties', 'p.property')} AS value,
             c.responded_at, c.score, c.sign
        FROM (${rows}) c
        JOIN environments e ON e.id = c.environment_id AND cardinality(e.breakdown_properties) > 0
       CROSS JOIN LATERAL unnest(e.breakdown_properties) AS p(property)
        LEFT JOIN users u ON u.environment_id = c.environment_id AND u.id = c.user_id`;
    const apply = (rows: string) => `
        PERFORM property_nps_apply(array_agg(d.environment_id), array_agg(d.property), array_agg(d.value),
                                   array_agg(d.responded_at), array_agg(d.score), array_agg(d.sign))
           FROM (${deltas(rows)}) d HAVING count(*) > 0;`;
    const newRows = `SELECT environment_id, user_id, responded_at, score, 1 AS sign FROM new_rows WHERE is_nps`;
    const oldRows = `SELECT environment_id, user_id, responded_at, score, -1 AS sign FROM old_rows WHERE is_nps`;
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_breakdown_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${apply(newRows)}
        ELSIF TG_OP = 'DELETE' THEN ${apply(oldRows)}
        ELSE ${apply(`${newRows} UNION ALL ${oldRows}`)}
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
        CREATE TRIGGER survey_responses_breakdown_${operation.toLowerCase()} AFTER ${operation} ON survey_responses
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION survey_responses_breakdown_after_change()`);
    }
    // A user's value of a breakdown property changes: its NPS responses move to the new value.
    await queryRunner.query(`
      CREATE FUNCTION users_breakdown_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM property_nps_apply(array_agg(m.environment_id), array_agg(m.property), array_agg(m.value),
                                   array_agg(m.responded_at), array_agg(m.score), array_agg(m.sign))
           FROM (SELECT x.environment_id, x.property, s.value, r.responded_at, r.score, s.sign
                   FROM (SELECT n.environment_id, n.id, p.property,
                                ${valueOf('n.properties', 'p.property')} AS new_value,
                                ${valueOf('o.properties', 'p.property')} AS old_value
                           FROM new_rows n
                           JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
                           JOIN environments e ON e.id = n.environment_id AND cardinality(e.breakdown_properties) > 0
                          CROSS JOIN LATERAL unnest(e.breakdown_properties) AS p(property)
                          WHERE n.properties IS DISTINCT FROM o.properties) x
                  CROSS JOIN LATERAL (VALUES (x.new_value, 1), (x.old_value, -1)) AS s(value, sign)
                   JOIN survey_responses r ON r.environment_id = x.environment_id AND r.user_id = x.id AND r.is_nps
                  WHERE x.new_value <> x.old_value) m
         HAVING count(*) > 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_breakdown_update AFTER UPDATE ON users
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION users_breakdown_after_update()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_breakdown_update ON users`);
    await queryRunner.query(`DROP FUNCTION users_breakdown_after_update()`);
    for (const operation of ['insert', 'update', 'delete']) {
      await queryRunner.query(
        `DROP TRIGGER survey_responses_breakdown_${operation} ON survey_responses`,
      );
    }
    await queryRunner.query(`DROP FUNCTION survey_responses_breakdown_after_change()`);
    await queryRunner.query(
      `DROP FUNCTION property_nps_apply(bigint[], text[], text[], timestamptz[], int[], int[])`,
    );
    await queryRunner.query(`DROP TABLE "property_nps_1d"`);
    await queryRunner.query(`ALTER TABLE "environments" DROP COLUMN "breakdown_properties"`);
  }
}
