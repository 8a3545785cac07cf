import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * delighted_sources.origin: who connected the source. 'DEMO' marks the source `npm run demo`
 * connects to its bundled simulator, so that a later `npm start` on the same data folder skips
 * its sync with a plain notice (status DEMO_OFFLINE) instead of retrying a closed port.
 */
export class SourceOrigin1764900000000 implements MigrationInterface {
  name = 'SourceOrigin1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "delighted_sources" ADD "origin" text NOT NULL DEFAULT 'API'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "delighted_sources" SET "status" = 'ERROR' WHERE "status" = 'DEMO_OFFLINE'`,
    );
    await queryRunner.query(`ALTER TABLE "delighted_sources" DROP COLUMN "origin"`);
  }
}
