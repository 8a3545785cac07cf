import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Environments, API keys, users, events and the per-name event rollup.
 * Every primary and unique key starts with environment_id so that the tables can be
 * distributed by environment on Citus (see README, "Scaling out").
 */
export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "environments" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "name" text NOT NULL,
        "timezone" text NOT NULL DEFAULT 'UTC',
        "email_property" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "environment_id" bigint,
        "role" text NOT NULL,
        "name" text NOT NULL,
        "key_prefix" text NOT NULL,
        "key_hash" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" ("key_hash")`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_keys_environment_idx" ON "api_keys" ("environment_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "users" (
        "environment_id" bigint NOT NULL,
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "identity" character varying(255) NOT NULL,
        "properties" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "email_normalized" text,
        "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "users_environment_identity_key" UNIQUE ("environment_id", "identity"),
        CONSTRAINT "users_pkey" PRIMARY KEY ("environment_id", "id")
      ) WITH (fillfactor = 80)`);
    // fillfactor leaves room on each page so last_seen updates stay HOT (no index churn).
    await queryRunner.query(
      `CREATE INDEX "users_environment_email_idx" ON "users" ("environment_id", "email_normalized") WHERE email_normalized IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "events" (
        "environment_id" bigint NOT NULL,
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "user_id" bigint NOT NULL,
        "name" character varying(1024) NOT NULL,
        "time" TIMESTAMP WITH TIME ZONE NOT NULL,
        "properties" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "source" text NOT NULL,
        "idempotency_key" character varying(255),
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "events_environment_idempotency_key" UNIQUE ("environment_id", "idempotency_key"),
        CONSTRAINT "events_pkey" PRIMARY KEY ("environment_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "events_environment_name_time_idx" ON "events" ("environment_id", "name", "time")`,
    );
    await queryRunner.query(
      `CREATE INDEX "events_environment_user_time_idx" ON "events" ("environment_id", "user_id", "time")`,
    );
    await queryRunner.query(`
      CREATE TABLE "event_types" (
        "environment_id" bigint NOT NULL,
        "name" character varying(1024) NOT NULL,
        "count" bigint NOT NULL DEFAULT '0',
        "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "event_types_pkey" PRIMARY KEY ("environment_id", "name")
      )`);
    await queryRunner.query(`
      ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_environment_fkey" FOREIGN KEY ("environment_id")
        REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "users_environment_fkey" FOREIGN KEY ("environment_id")
        REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "events" ADD CONSTRAINT "events_environment_fkey" FOREIGN KEY ("environment_id")
        REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "event_types" ADD CONSTRAINT "event_types_environment_fkey" FOREIGN KEY ("environment_id")
        REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_types"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "environments"`);
  }
}
