import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * account_latest_counts: per account (users.account), the category counts and score sum of its
 * users' respondents' latest NPS responses (respondent_latest), i.e. the accounts list with
 * LATEST_PER_PERSON over a range every latest response falls in. A range that starts later
 * subtracts the (few) latest responses before it; the service reads rows otherwise. With none
 * before it, the first page by NPS is an index range.
 *
 * Kept by statement triggers in the writer's transaction, as signed deltas in one sorted upsert
 * per statement: on respondent_latest (itself kept by the survey_responses triggers: a new latest
 * response, a late user match, a response leaving NPS) under the user's current account, and on
 * users when a user's account changes (property writes, setAccountProperty), moving that user's
 * latest responses from the old account to the new one. Rows may drop to zero and stay.
 */
export class AccountLatestCounts1765900000001 implements MigrationInterface {
  name = 'AccountLatestCounts1765900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "account_latest_counts" ("environment_id" bigint NOT NULL, "account" text NOT NULL,
        "responses" integer NOT NULL, "promoters" integer NOT NULL, "passives" integer NOT NULL,
        "detractors" integer NOT NULL, "score_sum" bigint NOT NULL,
        CONSTRAINT "account_latest_counts_pkey" PRIMARY KEY ("environment_id", "account"))`);
    // The first page by NPS when every account's counts are the table's: the double of the
    // fraction (promoters − detractors) / responses (the numeric's order and ties), then account.
    await queryRunner.query(
      `CREATE INDEX "account_latest_counts_nps_idx" ON "account_latest_counts" ("environment_id", ((promoters - detractors)::float8 / responses), "account" COLLATE "C") WHERE responses > 0`,
    );
    // A user's latest responses (moving them with its account; an account's newest one).
    await queryRunner.query(
      `CREATE INDEX "respondent_latest_user_idx" ON "respondent_latest" ("environment_id", "user_id")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION account_latest_counts_apply(environment_ids bigint[], accounts text[], scores int[], signs int[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO account_latest_counts AS c (environment_id, account, responses, promoters, passives, detractors, score_sum)
        SELECT environment_id, account, sum(sign), coalesce(sum(sign) FILTER (WHERE score >= 9), 0),
               coalesce(sum(sign) FILTER (WHERE score BETWEEN 7 AND 8), 0),
               coalesce(sum(sign) FILTER (WHERE score <= 6), 0), sum(sign * score)
          FROM unnest(environment_ids, accounts, scores, signs) AS d(environment_id, account, score, sign)
         WHERE account IS NOT NULL
         GROUP BY 1, 2
        HAVING sum(sign) <> 0 OR sum(sign * score) <> 0 OR sum(sign) FILTER (WHERE score >= 9) <> 0
            OR sum(sign) FILTER (WHERE score <= 6) <> 0
         ORDER BY 1, 2
        ON CONFLICT (environment_id, account) DO UPDATE
          SET responses = c.responses + excluded.responses, promoters = c.promoters + excluded.promoters,
              passives = c.passives + excluded.passives, detractors = c.detractors + excluded.detractors,
              score_sum = c.score_sum + excluded.score_sum
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION respondent_latest_accounts_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM account_latest_counts_apply(array_agg(n.environment_id), array_agg(u.account), array_agg(n.score), array_agg(1))
             FROM new_rows n JOIN users u ON u.environment_id = n.environment_id AND u.id = n.user_id
            WHERE u.account IS NOT NULL HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM account_latest_counts_apply(array_agg(o.environment_id), array_agg(u.account), array_agg(o.score), array_agg(-1))
             FROM old_rows o JOIN users u ON u.environment_id = o.environment_id AND u.id = o.user_id
            WHERE u.account IS NOT NULL HAVING count(*) > 0;
        ELSE
          PERFORM account_latest_counts_apply(array_agg(c.environment_id), array_agg(u.account), array_agg(c.score), array_agg(c.sign))
             FROM (SELECT environment_id, user_id, score, 1 AS sign FROM new_rows
                   UNION ALL
                   SELECT environment_id, user_id, score, -1 FROM old_rows) c
             JOIN users u ON u.environment_id = c.environment_id AND u.id = c.user_id
            WHERE u.account IS NOT NULL HAVING count(*) > 0;
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
        CREATE TRIGGER respondent_latest_accounts_${operation.toLowerCase()} AFTER ${operation} ON respondent_latest
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION respondent_latest_accounts_after_change()`);
    }
    // A user's account changes: its latest responses move from the old account to the new one.
    await queryRunner.query(`
      CREATE FUNCTION users_account_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM account_latest_counts_apply(array_agg(m.environment_id), array_agg(m.account), array_agg(m.score), array_agg(m.sign))
           FROM (SELECT l.environment_id, x.account, l.score, x.sign
                   FROM (SELECT n.environment_id, n.id, n.account, 1 AS sign
                           FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
                          WHERE n.account IS DISTINCT FROM o.account
                         UNION ALL
                         SELECT o.environment_id, o.id, o.account, -1
                           FROM new_rows n JOIN old_rows o ON o.environment_id = n.environment_id AND o.id = n.id
                          WHERE n.account IS DISTINCT FROM o.account) x
                   JOIN respondent_latest l ON l.environment_id = x.environment_id AND l.user_id = x.id
                  WHERE x.account IS NOT NULL) m
         HAVING count(*) > 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_account_counts_update AFTER UPDATE ON users
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION users_account_counts_after_update()`);

    // Latest responses stored before this migration.
    await queryRunner.query(`
      SELECT account_latest_counts_apply(array_agg(l.environment_id), array_agg(u.account), array_agg(l.score), array_agg(1))
        FROM respondent_latest l JOIN users u ON u.environment_id = l.environment_id AND u.id = l.user_id
       WHERE u.account IS NOT NULL HAVING count(*) > 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_account_counts_update ON users`);
    await queryRunner.query(`DROP FUNCTION users_account_counts_after_update()`);
    for (const operation of ['insert', 'update', 'delete']) {
      await queryRunner.query(
        `DROP TRIGGER respondent_latest_accounts_${operation} ON respondent_latest`,
      );
    }
    await queryRunner.query(`DROP FUNCTION respondent_latest_accounts_after_change()`);
    await queryRunner.query(
      `DROP FUNCTION account_latest_counts_apply(bigint[], text[], int[], int[])`,
    );
    await queryRunner.query(`DROP INDEX "respondent_latest_user_idx"`);
    await queryRunner.query(`DROP TABLE "account_latest_counts"`);
  }
}
