import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts: rules and their destinations, the events that fired with their figures, and the outbox
 * (alert_deliveries, one row per event and destination, written in the event's transaction).
 *
 * survey_responses.change_seq: the id of the transaction (pg_current_xact_id) that stored the
 * response or last changed its score, comment, survey type or user, set by a row trigger, so every
 * write path (sync pages, webhooks, imports, user matching) is covered without knowing of alerts.
 * A reader that takes every row with change_seq in [its watermark, the oldest running transaction
 * of its snapshot) sees only finished transactions, and the next read starts where it stopped:
 * no response is skipped, whatever the commit order, and none is read twice.
 */
export class Alerts1765100000000 implements MigrationInterface {
  name = 'Alerts1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "alert_rules" ("environment_id" bigint NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "name" text NOT NULL, "kind" text NOT NULL, "filter" jsonb, "window_days" integer NOT NULL,
        "baseline_days" integer NOT NULL, "min_responses" integer NOT NULL, "min_change_points" double precision NOT NULL,
        "confidence" double precision NOT NULL, "comment_required" boolean NOT NULL, "schedule" text,
        "state" text NOT NULL DEFAULT 'ARMED', "response_watermark" bigint, "next_digest_at" TIMESTAMP WITH TIME ZONE,
        "last_evaluated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("environment_id", "id"))`);
    await queryRunner.query(
      `CREATE INDEX "alert_rules_environment_idx" ON "alert_rules" ("environment_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "alert_destinations" ("environment_id" bigint NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "rule_id" bigint NOT NULL, "kind" text NOT NULL, "url" text, "email_to" text, "secret_ciphertext" text,
        "position" integer NOT NULL, CONSTRAINT "alert_destinations_pkey" PRIMARY KEY ("environment_id", "id"))`);
    await queryRunner.query(
      `CREATE INDEX "alert_destinations_rule_idx" ON "alert_destinations" ("environment_id", "rule_id", "position")`,
    );
    await queryRunner.query(`
      CREATE TABLE "alert_events" ("environment_id" bigint NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "rule_id" bigint NOT NULL, "kind" text NOT NULL, "dedupe_key" text NOT NULL,
        "evaluated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "figures" jsonb NOT NULL,
        CONSTRAINT "alert_events_rule_dedupe_key" UNIQUE ("environment_id", "rule_id", "dedupe_key"),
        CONSTRAINT "alert_events_pkey" PRIMARY KEY ("environment_id", "id"))`);
    await queryRunner.query(
      `CREATE INDEX "alert_events_environment_fired_idx" ON "alert_events" ("environment_id", "fired_at", "id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "alert_deliveries" ("environment_id" bigint NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "event_id" bigint NOT NULL, "destination_id" bigint NOT NULL, "webhook_id" text NOT NULL,
        "status" text NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0',
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "claim_token" text, "last_error" text,
        "last_status" integer, "delivered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "alert_deliveries_webhook_id_key" UNIQUE ("webhook_id"),
        CONSTRAINT "alert_deliveries_event_destination_key" UNIQUE ("environment_id", "event_id", "destination_id"),
        CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("environment_id", "id"))`);
    await queryRunner.query(
      `CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" ("next_attempt_at") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(`
      ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_environment_fkey" FOREIGN KEY ("environment_id")
        REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "alert_destinations" ADD CONSTRAINT "alert_destinations_rule_fkey" FOREIGN KEY ("environment_id", "rule_id")
        REFERENCES "alert_rules"("environment_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_rule_fkey" FOREIGN KEY ("environment_id", "rule_id")
        REFERENCES "alert_rules"("environment_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_event_fkey" FOREIGN KEY ("environment_id", "event_id")
        REFERENCES "alert_events"("environment_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_destination_fkey" FOREIGN KEY ("environment_id", "destination_id")
        REFERENCES "alert_destinations"("environment_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await queryRunner.query(`ALTER TABLE "survey_responses" ADD "change_seq" bigint`);
    await queryRunner.query(`
      CREATE FUNCTION survey_responses_set_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT'
           OR (NEW.score, NEW.comment, NEW.survey_type, NEW.is_nps, NEW.user_id)
              IS DISTINCT FROM (OLD.score, OLD.comment, OLD.survey_type, OLD.is_nps, OLD.user_id) THEN
          NEW.change_seq := pg_current_xact_id()::text::bigint;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER survey_responses_change_seq BEFORE INSERT OR UPDATE ON survey_responses
        FOR EACH ROW EXECUTE FUNCTION survey_responses_set_change_seq()`);
    // The detractor scan: NPS responses scored 0–6 of one environment in a change_seq range.
    await queryRunner.query(`
      CREATE INDEX "survey_responses_change_seq_idx" ON "survey_responses" ("environment_id", "change_seq")
        WHERE is_nps AND score <= 6`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "survey_responses_change_seq_idx"`);
    await queryRunner.query(`DROP TRIGGER survey_responses_change_seq ON survey_responses`);
    await queryRunner.query(`DROP FUNCTION survey_responses_set_change_seq()`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP COLUMN "change_seq"`);
    await queryRunner.query(`DROP TABLE "alert_deliveries"`);
    await queryRunner.query(`DROP TABLE "alert_events"`);
    await queryRunner.query(`DROP TABLE "alert_destinations"`);
    await queryRunner.query(`DROP TABLE "alert_rules"`);
  }
}
