import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members (people who sign in) with roles per environment, invitations, one-time links (setup,
 * password reset), server-side sessions, failed sign-ins for throttling, and the append-only
 * audit log: a trigger refuses UPDATE, DELETE and TRUNCATE on it.
 */
export class Members1765200000000 implements MigrationInterface {
  name = 'Members1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" text NOT NULL, "actor_id" text, "actor_label" text NOT NULL, "environment_id" bigint, "action" text NOT NULL, "target" text, "details" jsonb NOT NULL DEFAULT '{}'::jsonb, "ip" text, CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_action_idx" ON "audit_log"  ("action", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_environment_idx" ON "audit_log"  ("environment_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "email_normalized" text NOT NULL, "environment_id" bigint, "role" text NOT NULL, "token_hash" text NOT NULL, "invited_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "invitations_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_email_idx" ON "invitations"  ("email_normalized") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_environment_idx" ON "invitations"  ("environment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "email_normalized" text NOT NULL, "name" text NOT NULL, "password_hash" text, "owner" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "password_changed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "members_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "members_email_normalized_key" ON "members"  ("email_normalized") `,
    );
    await queryRunner.query(
      `CREATE TABLE "member_roles" ("member_id" uuid NOT NULL, "environment_id" bigint NOT NULL, "role" text NOT NULL, CONSTRAINT "member_roles_pkey" PRIMARY KEY ("member_id", "environment_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "member_roles_environment_idx" ON "member_roles"  ("environment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "member_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "purpose" text NOT NULL, "member_id" uuid, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "member_tokens_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "member_tokens_member_idx" ON "member_tokens"  ("member_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "member_tokens_token_hash_key" ON "member_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "member_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "method" text NOT NULL, "ip" text, "user_agent" text, CONSTRAINT "member_sessions_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "member_sessions_member_idx" ON "member_sessions"  ("member_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "member_sessions_token_hash_key" ON "member_sessions"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("id" BIGSERIAL NOT NULL, "email_normalized" text NOT NULL, "ip" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "login_failures_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_failures_ip_idx" ON "login_failures"  ("ip", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "login_failures_email_idx" ON "login_failures"  ("email_normalized", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "invitations_environment_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_roles" ADD CONSTRAINT "member_roles_member_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_roles" ADD CONSTRAINT "member_roles_environment_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_tokens" ADD CONSTRAINT "member_tokens_member_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_sessions" ADD CONSTRAINT "member_sessions_member_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "member_sessions"`);
    await queryRunner.query(`DROP TABLE "login_failures"`);
    await queryRunner.query(`DROP TABLE "member_roles"`);
    await queryRunner.query(`DROP TABLE "member_tokens"`);
    await queryRunner.query(`DROP TABLE "members"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
