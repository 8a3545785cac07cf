import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey responses (the source of every NPS figure), the Delighted source of an environment
 * with its sync checkpoints, and the history of sync runs.
 */
export class SurveySources1764500000000 implements MigrationInterface {
  name = 'SurveySources1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "delighted_sources" ("environment_id" bigint NOT NULL, "api_url" text NOT NULL, "api_key_ciphertext" text NOT NULL, "api_key_last4" text NOT NULL, "status" text NOT NULL, "connected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_response_at" TIMESTAMP WITH TIME ZONE, "last_sync_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "backfill_until" TIMESTAMP WITH TIME ZONE, "per_page" integer NOT NULL, "backfill_next_page" integer NOT NULL DEFAULT '1', "backfill_started_at" TIMESTAMP WITH TIME ZONE, "backfill_completed_at" TIMESTAMP WITH TIME ZONE, "backfill_responses_done" integer NOT NULL DEFAULT '0', "backfill_nps_done" integer NOT NULL DEFAULT '0', "backfill_estimated_total" integer, "updated_watermark" TIMESTAMP WITH TIME ZONE, "created_watermark" TIMESTAMP WITH TIME ZONE, "incremental_phase" text, "incremental_since" TIMESTAMP WITH TIME ZONE, "incremental_next_page" integer NOT NULL DEFAULT '1', "incremental_max_updated" TIMESTAMP WITH TIME ZONE, "incremental_max_created" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "delighted_sources_pkey" PRIMARY KEY ("environment_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sync_runs" ("environment_id" bigint NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "trigger" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" text NOT NULL, "pages" integer NOT NULL DEFAULT '0', "responses_fetched" integer NOT NULL DEFAULT '0', "responses_inserted" integer NOT NULL DEFAULT '0', "responses_updated" integer NOT NULL DEFAULT '0', "retries" integer NOT NULL DEFAULT '0', "error" text, CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("environment_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "sync_runs_environment_started_idx" ON "sync_runs" ("environment_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_responses" ("environment_id" bigint NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "response_id" character varying(255) NOT NULL, "source" text NOT NULL, "person_id" character varying(255), "email" text, "email_normalized" text, "phone_number" text, "survey_type" text NOT NULL, "score" integer NOT NULL, "is_nps" boolean NOT NULL, "comment" text, "permalink" text, "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_updated_at" TIMESTAMP WITH TIME ZONE, "person_properties" jsonb, "user_id" bigint, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "survey_responses_environment_response_key" UNIQUE ("environment_id", "response_id"), CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("environment_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_responses_waiting_email_idx" ON "survey_responses" ("environment_id", "email_normalized") WHERE user_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_responses_environment_user_idx" ON "survey_responses" ("environment_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_responses_environment_person_idx" ON "survey_responses" ("environment_id", "person_id", "responded_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_responses_environment_time_idx" ON "survey_responses" ("environment_id", "responded_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "delighted_sources" ADD CONSTRAINT "delighted_sources_environment_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_environment_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_environment_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "survey_responses"`);
    await queryRunner.query(`DROP TABLE "sync_runs"`);
    await queryRunner.query(`DROP TABLE "delighted_sources"`);
  }
}
